#pragma once

// The published-runs table (data/validation/training-runs.csv) as `validate` reads it:
// text cells addressed by column name, on top of the RFC 4180 reader models/core/csv_table.h (which
// does all the parsing; errors name "line L, column C").

#include "models/core/csv_table.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scalescope::models {

/// The published-runs table: text cells addressed by column name.
class RunsTable {
public:
    /// Parses `text`; `file` names it in errors. Throws InputError(file, "line L, column C",
    /// reason) for an unterminated quote, text after a closing quote, an empty file, or a record
    /// whose field count differs from the header's (CsvTable::parse).
    [[nodiscard]] static RunsTable parse(std::string_view text, const std::string &file);
    /// Reads and parses a file; an unreadable file throws InputError.
    [[nodiscard]] static RunsTable readFile(const std::string &path);

    [[nodiscard]] const std::string &file() const { return m_table.file(); }
    [[nodiscard]] const std::vector<std::string> &header() const { return m_table.header(); }
    [[nodiscard]] std::size_t rowCount() const { return m_table.rowCount(); }
    /// Index of the column called `name`, if any (CsvTable::findColumn).
    [[nodiscard]] std::optional<std::size_t> findColumn(std::string_view name) const;
    /// Cell text of data row `row` in column `name`; empty when the column is absent.
    [[nodiscard]] const std::string &cell(std::size_t row, std::string_view name) const;
    /// 1-based line where data row `row` starts.
    [[nodiscard]] int lineOf(std::size_t row) const { return m_table.lineOf(row); }
    /// Throws InputError naming the file, "line L, column C (name)" and `reason`; requires
    /// the column to exist.
    [[noreturn]] void fail(std::size_t row, std::string_view name, const std::string &reason) const;

private:
    explicit RunsTable(CsvTable table)
        : m_table(std::move(table)) {}
    CsvTable m_table;
    std::string m_empty;
};

} // namespace scalescope::models
