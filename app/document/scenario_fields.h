#pragma once

#include "app/document/field_metadata.h"
#include "models/catalog/catalog.h"
#include "models/scenario/model_presets.h"
#include "models/scenario/scenario.h"

#include <QVariant>

#include <vector>

namespace scalescope::app {

/// What preset and hardware fields need to resolve an id into a shape or a GPU.
struct FieldContext {
    const models::ModelPresets *presets = nullptr;
    const models::Catalog *catalog = nullptr;
};

/// Hardware field values name a system by id, or a bare accelerator as "gpu:<id>".
[[nodiscard]] QString hardwareValue(const models::HardwareChoice &hardware);

/// The value of `field` in `scenario`, in display units (SI value / displayScale); an invalid
/// QVariant when the key is not a scenario field this build knows.
[[nodiscard]] QVariant fieldValue(const models::Scenario &scenario, const FieldSpec &field);

/// Writes `displayValue` into `scenario` (× displayScale → SI). Keeps the layout consistent the
/// way users expect: GPUs = TP·PP·CP·DP, so changing the GPU count, TP, PP or CP recomputes DP
/// when it divides, and changing DP recomputes the GPU count. Choosing a preset replaces the
/// model shape; choosing hardware fills the GPU id from the catalog. An edited shape field
/// leaves the model as saving and loading the scenario would give it back (a preset with a
/// changed field becomes its "(modified)" variant, see `asSaved`). Returns false (scenario
/// untouched) for an unknown key, preset or catalog id.
bool setFieldValue(models::Scenario &scenario, const FieldSpec &field, const QVariant &displayValue,
                   const FieldContext &context);

/// The scenario's model as a save and a load of the scenario file give it back
/// (models/scenario_io): the document then holds exactly what File > Save writes. Without
/// presets in `context`, or when the shape cannot be written (the planner reports why), the
/// scenario is returned unchanged.
[[nodiscard]] models::Scenario asSaved(const models::Scenario &scenario,
                                       const FieldContext &context);

/// A scenario built from every field's `default` in panel order (preset first, so shape
/// defaults never fight the preset).
[[nodiscard]] models::Scenario defaultScenario(const FieldMetadata &metadata,
                                               const FieldContext &context);

} // namespace scalescope::app
