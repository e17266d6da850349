#include "app/data/app_data.h"

#include "app/data/data_paths.h"

namespace scalescope::app {

QString fieldMetadataPath() {
    return shippedDataDirectory() + "/ui/fields.json";
}

std::shared_ptr<const AppData> loadAppData(const QString &extraCatalogDirectory,
                                           const QString &extraModelDirectory) {
    auto data = std::make_shared<AppData>();
    data->catalog = models::loadCatalog(catalogDirectories(extraCatalogDirectory));
    data->presets = models::loadModelPresets(modelDirectories(extraModelDirectory));
    data->fields = FieldMetadata::load(fieldMetadataPath());
    return data;
}

} // namespace scalescope::app
