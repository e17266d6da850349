#include "models/core/input_error.h"

namespace scalescope::models {

namespace {
std::string compose(const std::string &file, const std::string &field, const std::string &reason) {
    std::string text = file.empty() ? std::string("<input>") : file;
    if (!field.empty())
        text += ": " + field;
    return text + ": " + reason;
}
} // namespace

InputError::InputError(std::string file, std::string field, std::string reason)
    : std::runtime_error(compose(file, field, reason))
    , m_file(std::move(file))
    , m_field(std::move(field))
    , m_reason(std::move(reason)) {}

} // namespace scalescope::models
