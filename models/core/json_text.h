#pragma once

// JSON output that never throws on its text: strings that are not valid UTF-8 (a CSV cell
// with byte 0xFF echoed by validate --json, a file name) are written with U+FFFD in place of
// the bad bytes instead of nlohmann's type_error 316.

#include <nlohmann/json.hpp>

#include <string>

namespace scalescope::models {

/// `value` as JSON text indented by `indent` spaces (-1: one line), invalid UTF-8 replaced.
template <typename Json> [[nodiscard]] std::string jsonText(const Json &value, int indent = 2) {
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace scalescope::models
