#pragma once

#include <stdexcept>
#include <string>

namespace scalescope::models {

/// Bad user input: names the file, the field (JSON pointer, or "line L, column C" for CSV)
/// and the reason. The CLI prints what() on one line and exits 2; the GUI shows it inline.
class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string field, std::string reason);

    [[nodiscard]] const std::string &file() const { return m_file; }
    [[nodiscard]] const std::string &field() const { return m_field; }
    [[nodiscard]] const std::string &reason() const { return m_reason; }

private:
    std::string m_file;
    std::string m_field;
    std::string m_reason;
};

} // namespace scalescope::models
