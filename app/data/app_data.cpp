#include "app/data/app_data.h"

#include "app/data/data_paths.h"
#include "models/core/csv_table.h"
#include "models/core/input_error.h"

#include <QDir>
#include <QObject>

#include <stdexcept>

namespace scalescope::app {

QString fieldMetadataPath() {
    return shippedDataDirectory() + "/ui/fields.json";
}

std::shared_ptr<const NotableModelTable> loadNotableModelTable(const QString &folder) {
    auto table = std::make_shared<NotableModelTable>();
    const QDir directory(folder);
    const QStringList files =
        directory.entryList({"epoch_notable_ai_models_*.csv"}, QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        table->error = QObject::tr("no notable-models table in %1").arg(directory.path());
        return table;
    }
    try {
        table->models = models::loadNotableModels(
            models::CsvTable::readFile(directory.filePath(files.last()).toStdString()));
    } catch (const models::InputError &error) {
        table->error = QString::fromUtf8(error.what());
        return table;
    }
    auto fit = [&](models::TrendQuantity quantity) -> std::optional<models::GrowthTrend> {
        try {
            return models::growthTrend(table->models, quantity);
        } catch (const models::InputError &) {
            return std::nullopt; // too few models: the chart says so
        }
    };
    table->parameters = fit(models::TrendQuantity::Parameters);
    table->compute = fit(models::TrendQuantity::TrainingCompute);
    return table;
}

std::shared_ptr<const AppData> loadAppData(const QString &extraCatalogDirectory,
                                           const QString &extraModelDirectory) {
    auto data = std::make_shared<AppData>();
    data->catalog = models::loadCatalog(catalogDirectories(extraCatalogDirectory));
    data->presets = models::loadModelPresets(modelDirectories(extraModelDirectory));
    data->fields = FieldMetadata::load(fieldMetadataPath());
    data->notableModels = loadNotableModelTable(shippedDataDirectory() + "/trend");
    return data;
}

} // namespace scalescope::app
