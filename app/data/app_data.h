#pragma once

#include "app/document/field_metadata.h"
#include "app/document/scenario_document.h"
#include "app/document/scenario_fields.h"
#include "models/catalog/catalog.h"
#include "models/scenario/model_presets.h"

#include <QString>

#include <memory>

namespace scalescope::app {

/// The read-only data the GUI and the export command share: the merged hardware catalog, the
/// model presets and the parameter panel's field metadata.
struct AppData {
    models::Catalog catalog;
    models::ModelPresets presets;
    FieldMetadata fields;

    /// What the field bindings need to resolve preset and hardware ids.
    [[nodiscard]] FieldContext fieldContext() const { return {&presets, &catalog}; }
};

/// Loads the catalog (shipped, user, `extraCatalogDirectory`), the presets (same order) and
/// data/ui/fields.json. Throws models::InputError naming the file and field at fault.
[[nodiscard]] std::shared_ptr<const AppData> loadAppData(const QString &extraCatalogDirectory = {},
                                                         const QString &extraModelDirectory = {});

/// The production evaluator: models::evaluate against `data`'s catalog (the data stays alive as
/// long as the evaluator does).
[[nodiscard]] Evaluator plannerEvaluator(std::shared_ptr<const AppData> data);

/// data/ui/fields.json in the shipped data folder.
[[nodiscard]] QString fieldMetadataPath();

} // namespace scalescope::app
