#pragma once

#include "app/document/field_metadata.h"
#include "app/document/scenario_document.h"
#include "app/document/scenario_fields.h"
#include "models/catalog/catalog.h"
#include "models/scaling/model_trend.h"
#include "models/scenario/model_presets.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace scalescope::app {

/// Epoch AI's notable models (data/trend/epoch_notable_ai_models_*.csv) and the growth trends
/// fitted to them, loaded once with the rest of AppData. An unreadable table is not fatal:
/// `error` says why and the Trend tab shows it.
struct NotableModelTable {
    std::vector<models::NotableModel> models;
    std::optional<models::GrowthTrend> parameters; ///< nullopt: too few models or an error
    std::optional<models::GrowthTrend> compute;
    QString error;
    [[nodiscard]] const std::optional<models::GrowthTrend> &
    trend(models::TrendQuantity quantity) const {
        return quantity == models::TrendQuantity::Parameters ? parameters : compute;
    }
};

/// Reads the newest epoch_notable_ai_models_*.csv of `folder` and fits both trends
/// (models::growthTrend); never throws.
[[nodiscard]] std::shared_ptr<const NotableModelTable> loadNotableModelTable(const QString &folder);

/// The read-only data the GUI and the export command share: the merged hardware catalog, the
/// model presets, the parameter panel's field metadata and the notable-models table.
struct AppData {
    models::Catalog catalog;
    models::ModelPresets presets;
    FieldMetadata fields;
    std::shared_ptr<const NotableModelTable> notableModels; ///< never null once loaded

    /// What the field bindings need to resolve preset and hardware ids.
    [[nodiscard]] FieldContext fieldContext() const { return {&presets, &catalog}; }
};

/// Loads the catalog (shipped, user, `extraCatalogDirectory`), the presets (same order),
/// data/ui/fields.json and the notable-models table of data/trend. Throws models::InputError naming
/// the file and field at fault.
[[nodiscard]] std::shared_ptr<const AppData> loadAppData(const QString &extraCatalogDirectory = {},
                                                         const QString &extraModelDirectory = {});

/// The production evaluator: models::evaluate against `data`'s catalog (the data stays alive as
/// long as the evaluator does).
[[nodiscard]] Evaluator plannerEvaluator(std::shared_ptr<const AppData> data);

/// data/ui/fields.json in the shipped data folder.
[[nodiscard]] QString fieldMetadataPath();

} // namespace scalescope::app
