#pragma once

#include <QString>
#include <QVariant>

#include <vector>

namespace scalescope::app {

/// What editor a field gets and what its value is.
enum class FieldKind {
    Integer,        ///< whole number (spin box, or slider over `steps`)
    Number,         ///< real number in display units
    Boolean,        ///< check box
    Choice,         ///< one of `options`
    Text,           ///< free text (the scenario name)
    ModelPreset,    ///< a model preset id (options come from the loaded presets)
    HardwareSystem, ///< a catalog system or bare accelerator (options come from the catalog)
};

/// One entry of a Choice field: the value written to the scenario and the label shown.
struct FieldOption {
    QString value;
    QString label;
    bool operator==(const FieldOption &) const = default;
};

/// One editable scenario field, from data/ui/fields.json. Display value × `displayScale` =
/// the SI value stored in the scenario (e.g. total tokens shown in T: scale 1e12).
struct FieldSpec {
    QString key;   ///< JSON pointer in the scenario file format, e.g. "/parallelism/tp"
    QString label; ///< "Tensor parallel (TP)"
    QString unit;  ///< display unit shown after the value, e.g. "T tokens"; may be empty
    QString tooltip;
    FieldKind kind = FieldKind::Integer;
    double displayScale = 1.0;
    /// The panel's range in display units: the scenario field table's editor range
    /// (models/scenario/field_table.h) ÷ displayScale.
    double minimum = 0.0;
    double maximum = 0.0; ///< display units
    int decimals = 0;
    double singleStep = 1.0;
    /// Allowed display values in increasing order (powers of two, ...); empty = any value
    /// in [minimum, maximum] with `singleStep`.
    std::vector<double> steps;
    bool slider = false; ///< also offer a slider (knobs presenters drag)
    /// Shown instead of the minimum when the minimum means something else, e.g. "auto" for a
    /// head dim of 0 (= hidden / heads); empty = show the number.
    QString minimumText;
    std::vector<FieldOption> options;
    QVariant defaultValue; ///< display units; used for new scenarios
    bool operator==(const FieldSpec &) const = default;
};

/// A collapsible group of fields in the parameter panel.
struct FieldGroup {
    QString id;
    QString title;
    bool expanded = true;
    std::vector<FieldSpec> fields;
    bool operator==(const FieldGroup &) const = default;
};

/// Every field the parameter panel shows, in order: labels, units, display scale, tooltips,
/// defaults and discrete steps live in one data file rather than in the widgets; the ranges come
/// from the scenario field table (models/scenario/field_table.h).
class FieldMetadata {
public:
    std::vector<FieldGroup> groups;

    /// Null when no field has this key.
    [[nodiscard]] const FieldSpec *find(const QString &key) const;
    /// Every field in panel order.
    [[nodiscard]] std::vector<const FieldSpec *> fields() const;

    /// Reads and validates data/ui/fields.json; throws models::InputError naming the file and
    /// the JSON pointer of the bad entry (also for a key the field table lacks, a kind that
    /// does not match its type, a choice option it does not accept, or a "min"/"max").
    [[nodiscard]] static FieldMetadata load(const QString &path);
};

/// The nearest allowed display value to `value` (snapping to `steps` when given).
[[nodiscard]] double snapToStep(const FieldSpec &field, double value);
/// Index of the nearest entry of `field.steps` (0 when empty).
[[nodiscard]] int nearestStepIndex(const FieldSpec &field, double value);

} // namespace scalescope::app
