#pragma once

// The SAX handler behind parseJsonText: builds the nlohmann::json document like nlohmann's own
// parser but refuses what a data file never needs and what would crash or mislead later:
//   - nesting deeper than kMaxJsonDepth (copying and destroying a basic_json recurse, so a
//     100,000-deep value overflows the stack long after parsing);
//   - a key that appears twice in one object (nlohmann keeps the last silently);
// and turns every nlohmann error into InputError(file, field, reason): syntax errors name line
// and column, a number no double holds (1e400, a 400-digit integer) names its JSON pointer.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace scalescope::models {

/// One reference token of a JSON pointer (RFC 6901): "~" becomes "~0" and "/" becomes "~1".
[[nodiscard]] std::string escapeJsonPointerToken(const std::string &token);

/// Objects and arrays may nest this deep (the shipped files use at most 6 levels).
inline constexpr std::size_t kMaxJsonDepth = 64;

class BoundedJsonBuilder {
public:
    using json = nlohmann::json;

    /// `text` is the whole input (for line and column), `origin` names it in errors.
    BoundedJsonBuilder(const std::string &text, std::string origin);

    bool null();
    bool boolean(bool value);
    bool number_integer(json::number_integer_t value);
    bool number_unsigned(json::number_unsigned_t value);
    bool number_float(json::number_float_t value, const json::string_t &text);
    bool string(json::string_t &value);
    bool binary(json::binary_t &value);
    bool start_object(std::size_t elements);
    bool key(json::string_t &value);
    bool end_object();
    bool start_array(std::size_t elements);
    bool end_array();
    [[noreturn]] bool parse_error(std::size_t position, const std::string &lastToken,
                                  const nlohmann::detail::exception &error);

    /// The document (call after a successful sax_parse).
    [[nodiscard]] json release() { return std::move(m_root); }

private:
    /// Stores `value` where the parser is (root, next array element or the current key) and
    /// returns where it went.
    json *add(json &&value);
    /// Enters the container just added; throws when that is one level too deep.
    void enter(json *container);
    /// The JSON pointer of the value being parsed now ("/a/0/b").
    [[nodiscard]] std::string currentPointer() const;
    /// "line L, column C" of a byte offset into the text.
    [[nodiscard]] std::string lineAndColumn(std::size_t position) const;

    const std::string &m_text;
    std::string m_origin;
    json m_root;
    std::vector<json *> m_stack;       ///< open containers, outermost first
    std::vector<std::string> m_tokens; ///< pointer token of each open container below the root
    std::string m_key;                 ///< the current object's pending key
};

} // namespace scalescope::models
