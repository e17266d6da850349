#pragma once

// The plain scenario fields in one table: where each lives in the scenario file (its JSON
// pointer), which member holds it, the range a file may hold, the parameter panel's editing
// range, and the names of a choice. The scenario reader and writer (scenario_io.cpp,
// model_json.cpp), the app's field bindings (app/document/scenario_fields.cpp) and the panel's
// ranges (app/document/field_metadata.cpp) all iterate this table, so adding a plain field is
// one row here. Fields with rules of their own (hardware ids, the model preset, the rank order,
// DP derived from the GPU count, cross-field checks) stay hand-written in those files.

#include "models/core/json_reader.h"
#include "models/scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace scalescope::models {

enum class FieldType { Integer, Number, Boolean, Choice };

/// A plain field's value: whole numbers, real numbers (SI units), flags, choice names.
using FieldValue = std::variant<long long, double, bool, std::string>;

/// Allowed values in the member's unit: [minimum, maximum], or (minimum, maximum] when
/// `exclusiveMinimum`.
struct FieldRange {
    double minimum = 0.0;
    double maximum = std::numeric_limits<double>::infinity();
    bool exclusiveMinimum = false;
    [[nodiscard]] bool contains(double value) const {
        return (exclusiveMinimum ? value > minimum : value >= minimum) && value <= maximum;
    }
};

/// When the writer emits a field.
enum class WriteWhen {
    Always,
    Positive,   ///< only values > 0 (0 means "none" or "automatic")
    NotDefault, ///< only values that differ from a default-constructed Scenario's
};

struct ScenarioField {
    std::string_view pointer; ///< JSON pointer in a scenario file, e.g. "/parallelism/tp"
    FieldType type = FieldType::Integer;
    FieldRange valid;  ///< what a scenario file may hold (numbers only)
    FieldRange editor; ///< the parameter panel's range; lies inside `valid`
    /// The error for a value outside `valid`, "{found}" standing for the value. Required
    /// (see `needsOutOfRangeText`) unless the JSON reader's own checks say it: a whole number's
    /// minimum ("must be >= 1, found 0") or a positive number ("must be > 0, found 0").
    std::string_view outOfRange;
    double fileScale = 1.0; ///< file value = member value × fileScale (milliseconds: 1000)
    std::vector<std::string> choices; ///< the names a Choice accepts, in file order
    WriteWhen write = WriteWhen::Always;
    std::function<FieldValue(const Scenario &)> get;
    /// Stores a value of this field's type; false (scenario untouched) for an unknown choice.
    std::function<bool(Scenario &, const FieldValue &)> set;

    /// True when `valid` goes beyond what the JSON reader checks by itself, so a row must
    /// word its `outOfRange` error.
    [[nodiscard]] bool needsOutOfRangeText() const;
    /// "/parallelism" for "/parallelism/tp".
    [[nodiscard]] std::string_view block() const;
    /// "tp" for "/parallelism/tp".
    [[nodiscard]] std::string_view name() const;
};

/// Every plain field, block by block in file order.
[[nodiscard]] const std::vector<ScenarioField> &scenarioFields();

/// Null when `pointer` is not a plain field.
[[nodiscard]] const ScenarioField *findScenarioField(std::string_view pointer);

/// The member names of `block`'s plain fields in file order (for rejectUnknownFields).
[[nodiscard]] std::vector<std::string> scenarioFieldNames(std::string_view block);

/// Reads every plain field of `block` present in `object` into `scenario`, checking types and
/// ranges; errors name the JSON pointer. Absent fields keep the scenario's value.
void readScenarioFields(const JsonObject &object, std::string_view block, Scenario &scenario);

/// Writes `block`'s plain fields of `scenario` into `out` in table order.
void writeScenarioFields(const Scenario &scenario, std::string_view block,
                         nlohmann::ordered_json &out);

/// A number as JSON: whole numbers as integers (4194304, not 4194304.0).
[[nodiscard]] nlohmann::ordered_json jsonNumber(double value);

} // namespace scalescope::models
