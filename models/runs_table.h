#pragma once

// A minimal RFC 4180 reader for the published-runs table (shared reference
// runs/training-runs.csv): a header row, then records whose quoted fields may hold commas,
// doubled quotes and line breaks. Only what `validate` needs; a general CSV table type may
// replace it (same semantics: errors name "line L, column C").
//
// References
//   [1] RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV) Files", sec. 2.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scalescope::models {

/// The published-runs table: text cells addressed by column name.
class RunsTable {
public:
    /// Parses `text`; `file` names it in errors. Throws InputError(file, "line L, column C",
    /// reason) for an unterminated quote, text after a closing quote, an empty file, or a record
    /// whose field count differs from the header's.
    [[nodiscard]] static RunsTable parse(std::string_view text, const std::string &file);
    /// Reads and parses a file; an unreadable file throws InputError.
    [[nodiscard]] static RunsTable readFile(const std::string &path);

    [[nodiscard]] const std::string &file() const { return m_file; }
    [[nodiscard]] const std::vector<std::string> &header() const { return m_header; }
    [[nodiscard]] std::size_t rowCount() const { return m_rows.size(); }
    /// Index of the column called `name`, if any.
    [[nodiscard]] std::optional<std::size_t> findColumn(std::string_view name) const;
    /// Cell text of data row `row` in column `name`; empty when the column is absent.
    [[nodiscard]] const std::string &cell(std::size_t row, std::string_view name) const;
    /// 1-based line where data row `row` starts.
    [[nodiscard]] int lineOf(std::size_t row) const;
    /// Throws InputError naming the file, "line L, column C (name)" and `reason`; requires
    /// the column to exist.
    [[noreturn]] void fail(std::size_t row, std::string_view name, const std::string &reason) const;

private:
    std::string m_file;
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
    std::vector<int> m_lines;
    std::string m_empty;
};

} // namespace scalescope::models
