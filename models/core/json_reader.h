#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace scalescope::models {

/// Reads a JSON file (readInputFile: regular files up to 64 MiB) and parses it with
/// parseJsonText. Every problem throws InputError naming the file.
[[nodiscard]] nlohmann::json readJsonFile(const std::string &path);

/// Parses JSON text; `origin` names it in errors (a file name or "<stdin>"). Syntax errors name
/// line and column; a number beyond double (1e400), nesting deeper than 64 levels and a key
/// repeated in one object are errors naming the JSON pointer (see json_builder.h).
[[nodiscard]] nlohmann::json parseJsonText(const std::string &text, const std::string &origin);

/// A validating view of one JSON object: every accessor knows the file and JSON pointer, so
/// every error names both (e.g. "data/catalog/accelerators.json: /items/3/hbm_gb: must be > 0").
/// Every number must be finite; "Positive" accessors also require > 0.
class JsonObject {
public:
    JsonObject(const nlohmann::json &value, std::string file, std::string pointer);

    [[nodiscard]] const std::string &file() const { return m_file; }
    [[nodiscard]] const std::string &pointer() const { return m_pointer; }
    [[nodiscard]] const nlohmann::json &json() const { return *m_value; }
    [[nodiscard]] bool has(const std::string &key) const;
    /// JSON pointer of a member, with RFC 6901 escaping.
    [[nodiscard]] std::string pointerOf(const std::string &key) const;

    [[nodiscard]] double requiredNumber(const std::string &key) const;
    [[nodiscard]] double requiredPositive(const std::string &key) const;
    [[nodiscard]] std::optional<double> optionalNumber(const std::string &key) const;
    [[nodiscard]] std::optional<double> optionalPositive(const std::string &key) const;
    [[nodiscard]] double numberOr(const std::string &key, double fallback) const;
    /// Whole numbers only (3, not 3.5); `minimum` is inclusive.
    [[nodiscard]] long long requiredInteger(const std::string &key, long long minimum) const;
    [[nodiscard]] std::optional<long long> optionalInteger(const std::string &key,
                                                           long long minimum) const;
    [[nodiscard]] std::string requiredString(const std::string &key) const;
    [[nodiscard]] std::string stringOr(const std::string &key, const std::string &fallback) const;
    [[nodiscard]] std::optional<bool> optionalBool(const std::string &key) const;
    [[nodiscard]] bool boolOr(const std::string &key, bool fallback) const;
    [[nodiscard]] JsonObject requiredObject(const std::string &key) const;
    [[nodiscard]] std::optional<JsonObject> optionalObject(const std::string &key) const;
    /// Elements of an array member that must hold objects.
    [[nodiscard]] std::vector<JsonObject> objectArray(const std::string &key) const;
    [[nodiscard]] std::vector<std::string> stringArray(const std::string &key) const;
    /// One of `allowed`; the error lists them.
    [[nodiscard]] std::string choiceOr(const std::string &key,
                                       const std::vector<std::string> &allowed,
                                       const std::string &fallback) const;

    /// Throws for a member whose name is not in `known` (catches typos such as "hbm_gbs");
    /// "comment", "description" and names starting with "_" are free-form notes. The error
    /// lists the known names, or says `hint` when one is given.
    void rejectUnknownFields(const std::set<std::string> &known,
                             const std::string &hint = {}) const;
    void rejectUnknownFields(std::initializer_list<const char *> known,
                             const std::string &hint = {}) const;
    /// As above, the names in the given order (the error lists them in that order).
    void rejectUnknownFields(const std::vector<std::string> &known,
                             const std::string &hint = {}) const;

    /// Throws InputError for this object's member `key` (or the object itself if key is empty).
    [[noreturn]] void fail(const std::string &key, const std::string &reason) const;

private:
    [[nodiscard]] const nlohmann::json *member(const std::string &key) const;

    const nlohmann::json *m_value;
    std::string m_file;
    std::string m_pointer;
};

/// The top-level object of a data file, checked for `schema_version` (== supported) and, when
/// `kind` is non-empty, for `"kind": kind`.
[[nodiscard]] JsonObject documentRoot(const nlohmann::json &document, const std::string &file,
                                      const std::string &kind, int supportedSchemaVersion = 1);

} // namespace scalescope::models
