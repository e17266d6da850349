#include "models/core/json_builder.h"

#include "models/core/input_error.h"

namespace scalescope::models {

std::string escapeJsonPointerToken(const std::string &token) {
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

BoundedJsonBuilder::BoundedJsonBuilder(const std::string &text, std::string origin)
    : m_text(text)
    , m_origin(std::move(origin)) {}

std::string BoundedJsonBuilder::lineAndColumn(std::size_t position) const {
    // nlohmann counts bytes read; the offending byte is the last one read.
    std::size_t line = 1;
    std::size_t column = 1;
    const std::size_t end = std::min(position, m_text.size());
    for (std::size_t i = 0; i + 1 < end; ++i) {
        if (m_text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string BoundedJsonBuilder::currentPointer() const {
    // Built with += and push_back only: GCC 12 at -O3 warns falsely (-Wrestrict) about
    // "/" + std::string temporaries and about assigning a literal here.
    std::string pointer;
    for (const auto &token : m_tokens) {
        pointer += '/';
        pointer += escapeJsonPointerToken(token);
    }
    if (!m_stack.empty()) {
        const json &container = *m_stack.back();
        pointer += '/';
        pointer +=
            container.is_array() ? std::to_string(container.size()) : escapeJsonPointerToken(m_key);
    }
    if (pointer.empty())
        pointer.push_back('/');
    return pointer;
}

BoundedJsonBuilder::json *BoundedJsonBuilder::add(json &&value) {
    if (m_stack.empty()) {
        m_root = std::move(value);
        return &m_root;
    }
    json &container = *m_stack.back();
    if (container.is_array()) {
        container.push_back(std::move(value));
        return &container.back();
    }
    json &slot = container[m_key];
    slot = std::move(value);
    return &slot;
}

void BoundedJsonBuilder::enter(json *container) {
    if (!m_stack.empty()) {
        // The container was just added to its parent: the last element, or the current key.
        const json &parent = *m_stack.back();
        m_tokens.push_back(parent.is_array() ? std::to_string(parent.size() - 1) : m_key);
    }
    m_stack.push_back(container);
    if (m_stack.size() > kMaxJsonDepth) {
        std::string pointer;
        for (const auto &token : m_tokens) {
            pointer += '/';
            pointer += escapeJsonPointerToken(token);
        }
        throw InputError(m_origin, pointer,
                         "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
}

bool BoundedJsonBuilder::null() {
    add(nullptr);
    return true;
}

bool BoundedJsonBuilder::boolean(bool value) {
    add(value);
    return true;
}

bool BoundedJsonBuilder::number_integer(json::number_integer_t value) {
    add(value);
    return true;
}

bool BoundedJsonBuilder::number_unsigned(json::number_unsigned_t value) {
    add(value);
    return true;
}

bool BoundedJsonBuilder::number_float(json::number_float_t value, const json::string_t &) {
    add(value);
    return true;
}

bool BoundedJsonBuilder::string(json::string_t &value) {
    add(std::move(value));
    return true;
}

bool BoundedJsonBuilder::binary(json::binary_t &value) {
    add(json::binary(std::move(value)));
    return true;
}

bool BoundedJsonBuilder::start_object(std::size_t) {
    enter(add(json::object()));
    return true;
}

bool BoundedJsonBuilder::key(json::string_t &value) {
    m_key = std::move(value);
    if (m_stack.back()->contains(m_key))
        throw InputError(m_origin, currentPointer(),
                         "duplicate key \"" + m_key + "\" (a name may appear once per object)");
    return true;
}

bool BoundedJsonBuilder::end_object() {
    m_stack.pop_back();
    if (!m_tokens.empty()) // empty only when the root closes
        m_tokens.pop_back();
    return true;
}

bool BoundedJsonBuilder::start_array(std::size_t) {
    enter(add(json::array()));
    return true;
}

bool BoundedJsonBuilder::end_array() {
    return end_object();
}

bool BoundedJsonBuilder::parse_error(std::size_t position, const std::string &,
                                     const nlohmann::detail::exception &error) {
    if (error.id == 406) {
        // out_of_range 406: a number literal beyond the range of double (1e400, 10^400).
        throw InputError(m_origin, currentPointer(),
                         "number out of range at " + lineAndColumn(position) +
                             " (the largest is about 1.8e308)");
    }
    // nlohmann's own message is not repeated: it quotes the input, which may not be UTF-8.
    std::string reason = "invalid JSON at " + lineAndColumn(position);
    if (position >= m_text.size())
        reason += " (unexpected end of input: truncated file?)";
    throw InputError(m_origin, "", reason);
}

} // namespace scalescope::models
