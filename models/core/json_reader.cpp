#include "models/core/json_reader.h"

#include "models/core/input_error.h"
#include "models/core/input_file.h"
#include "models/core/json_builder.h"

#include <cmath>
#include <sstream>

namespace scalescope::models {

namespace {

std::string typeName(const nlohmann::json &value) {
    return value.type_name();
}

std::string plainNumber(double value) {
    std::ostringstream out;
    out.precision(12);
    out << value;
    return out.str();
}

} // namespace

nlohmann::json parseJsonText(const std::string &text, const std::string &origin) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError(origin, "", "empty file, expected a JSON object");
    BoundedJsonBuilder builder(text, origin);
    // The builder throws InputError itself: for syntax errors (parse_error), numbers no double
    // holds (out_of_range 406), nesting deeper than kMaxJsonDepth and duplicate keys.
    (void)nlohmann::json::sax_parse(text, &builder);
    return builder.release();
}

nlohmann::json readJsonFile(const std::string &path) {
    return parseJsonText(readInputFile(path), path);
}

JsonObject::JsonObject(const nlohmann::json &value, std::string file, std::string pointer)
    : m_value(&value)
    , m_file(std::move(file))
    , m_pointer(std::move(pointer)) {
    if (!value.is_object())
        throw InputError(m_file, m_pointer.empty() ? "/" : m_pointer,
                         "expected an object, found " + typeName(value));
}

bool JsonObject::has(const std::string &key) const {
    return member(key) != nullptr;
}

std::string JsonObject::pointerOf(const std::string &key) const {
    return m_pointer + "/" + escapeJsonPointerToken(key);
}

const nlohmann::json *JsonObject::member(const std::string &key) const {
    const auto it = m_value->find(key);
    if (it == m_value->end() || it->is_null())
        return nullptr;
    return &*it;
}

void JsonObject::fail(const std::string &key, const std::string &reason) const {
    const std::string where = key.empty() ? (m_pointer.empty() ? "/" : m_pointer) : pointerOf(key);
    throw InputError(m_file, where, reason);
}

std::optional<double> JsonObject::optionalNumber(const std::string &key) const {
    const auto *value = member(key);
    if (!value)
        return std::nullopt;
    if (!value->is_number())
        fail(key, "expected a number, found " + typeName(*value));
    const double number = value->get<double>();
    if (!std::isfinite(number))
        fail(key, "must be a finite number");
    return number;
}

double JsonObject::requiredNumber(const std::string &key) const {
    const auto number = optionalNumber(key);
    if (!number)
        fail(key, "required number is missing");
    return *number;
}

std::optional<double> JsonObject::optionalPositive(const std::string &key) const {
    const auto number = optionalNumber(key);
    if (number && *number <= 0.0)
        fail(key, "must be > 0, found " + plainNumber(*number));
    return number;
}

double JsonObject::requiredPositive(const std::string &key) const {
    const auto number = optionalPositive(key);
    if (!number)
        fail(key, "required number is missing");
    return *number;
}

double JsonObject::numberOr(const std::string &key, double fallback) const {
    return optionalNumber(key).value_or(fallback);
}

std::optional<long long> JsonObject::optionalInteger(const std::string &key,
                                                     long long minimum) const {
    const auto number = optionalNumber(key);
    if (!number)
        return std::nullopt;
    if (std::floor(*number) != *number || std::fabs(*number) > 9.0e15)
        fail(key, "expected a whole number, found " + plainNumber(*number));
    const auto integer = static_cast<long long>(*number);
    if (integer < minimum)
        fail(key, "must be >= " + std::to_string(minimum) + ", found " + std::to_string(integer));
    return integer;
}

long long JsonObject::requiredInteger(const std::string &key, long long minimum) const {
    const auto integer = optionalInteger(key, minimum);
    if (!integer)
        fail(key, "required whole number is missing");
    return *integer;
}

std::string JsonObject::requiredString(const std::string &key) const {
    const auto *value = member(key);
    if (!value)
        fail(key, "required string is missing");
    if (!value->is_string())
        fail(key, "expected a string, found " + typeName(*value));
    auto text = value->get<std::string>();
    if (text.empty())
        fail(key, "must not be empty");
    return text;
}

std::string JsonObject::stringOr(const std::string &key, const std::string &fallback) const {
    const auto *value = member(key);
    if (!value)
        return fallback;
    if (!value->is_string())
        fail(key, "expected a string, found " + typeName(*value));
    return value->get<std::string>();
}

std::optional<bool> JsonObject::optionalBool(const std::string &key) const {
    const auto *value = member(key);
    if (!value)
        return std::nullopt;
    if (!value->is_boolean())
        fail(key, "expected true or false, found " + typeName(*value));
    return value->get<bool>();
}

bool JsonObject::boolOr(const std::string &key, bool fallback) const {
    return optionalBool(key).value_or(fallback);
}

std::optional<JsonObject> JsonObject::optionalObject(const std::string &key) const {
    const auto *value = member(key);
    if (!value)
        return std::nullopt;
    if (!value->is_object())
        fail(key, "expected an object, found " + typeName(*value));
    return JsonObject(*value, m_file, pointerOf(key));
}

JsonObject JsonObject::requiredObject(const std::string &key) const {
    auto object = optionalObject(key);
    if (!object)
        fail(key, "required object is missing");
    return *object;
}

std::vector<JsonObject> JsonObject::objectArray(const std::string &key) const {
    const auto *value = member(key);
    if (!value)
        fail(key, "required array is missing");
    if (!value->is_array())
        fail(key, "expected an array, found " + typeName(*value));
    std::vector<JsonObject> out;
    out.reserve(value->size());
    for (std::size_t i = 0; i < value->size(); ++i) {
        const auto &element = (*value)[i];
        const std::string where = pointerOf(key) + "/" + std::to_string(i);
        if (!element.is_object())
            throw InputError(m_file, where, "expected an object, found " + typeName(element));
        out.emplace_back(element, m_file, where);
    }
    return out;
}

std::vector<std::string> JsonObject::stringArray(const std::string &key) const {
    const auto *value = member(key);
    if (!value)
        return {};
    if (!value->is_array())
        fail(key, "expected an array of strings, found " + typeName(*value));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value->size(); ++i) {
        const auto &element = (*value)[i];
        if (!element.is_string())
            throw InputError(m_file, pointerOf(key) + "/" + std::to_string(i),
                             "expected a string, found " + typeName(element));
        out.push_back(element.get<std::string>());
    }
    return out;
}

namespace {
bool freeFormField(const std::string &key) {
    return key == "comment" || key == "description" || (!key.empty() && key.front() == '_');
}
} // namespace

void JsonObject::rejectUnknownFields(const std::set<std::string> &known,
                                     const std::string &hint) const {
    for (const auto &item : m_value->items()) {
        if (known.count(item.key()) || freeFormField(item.key()))
            continue;
        if (!hint.empty())
            fail(item.key(), "unknown field (" + hint + ")");
        std::string list;
        for (const auto &name : known)
            list += (list.empty() ? "" : ", ") + name;
        fail(item.key(), "unknown field (expected one of: " + list + ")");
    }
}

void JsonObject::rejectUnknownFields(std::initializer_list<const char *> known,
                                     const std::string &hint) const {
    rejectUnknownFields(std::vector<std::string>(known.begin(), known.end()), hint);
}

void JsonObject::rejectUnknownFields(const std::vector<std::string> &known,
                                     const std::string &hint) const {
    // Keep the caller's order in the message: it mirrors the documented field order.
    for (const auto &item : m_value->items()) {
        bool found = freeFormField(item.key());
        for (const auto &name : known)
            found = found || item.key() == name;
        if (found)
            continue;
        if (!hint.empty())
            fail(item.key(), "unknown field (" + hint + ")");
        std::string list;
        for (const auto &name : known)
            list += (list.empty() ? "" : ", ") + name;
        fail(item.key(), "unknown field (expected one of: " + list + ")");
    }
}

std::string JsonObject::choiceOr(const std::string &key, const std::vector<std::string> &allowed,
                                 const std::string &fallback) const {
    if (!member(key))
        return fallback;
    const std::string text = stringOr(key, fallback);
    for (const auto &option : allowed)
        if (option == text)
            return text;
    std::string list;
    for (const auto &option : allowed)
        list += (list.empty() ? "" : ", ") + option;
    fail(key, "unknown value \"" + text + "\" (expected one of: " + list + ")");
}

JsonObject documentRoot(const nlohmann::json &document, const std::string &file,
                        const std::string &kind, int supportedSchemaVersion) {
    JsonObject root(document, file, "");
    if (!root.has("schema_version"))
        root.fail("schema_version", "required field is missing");
    const auto version = root.requiredInteger("schema_version", 0);
    if (version != supportedSchemaVersion)
        root.fail("schema_version", "unsupported schema version " + std::to_string(version) +
                                        " (this build reads " +
                                        std::to_string(supportedSchemaVersion) + ")");
    if (!kind.empty()) {
        const auto actual = root.requiredString("kind");
        if (actual != kind)
            root.fail("kind", "expected \"" + kind + "\", found \"" + actual + "\"");
    }
    return root;
}

} // namespace scalescope::models
