#pragma once

// An RFC 4180 CSV table with a header row.
//
// References:
//   [1] Y. Shafranovskiy, RFC 4180 "Common Format and MIME Type for Comma-Separated Values (CSV)
//       Files", 2005, section 2: fields may be enclosed in double quotes; a quoted field may hold
//       commas, CR/LF line breaks and doubled quotes ("") standing for one quote; records end
//       with CRLF (LF alone is accepted too, as every spreadsheet writes it).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scalescope::models {

/// A CSV file parsed into text cells. Row 0 is the first data row (the header is separate).
/// Every cell remembers where it started, so every error names "line L, column C (name)".
/// Errors are InputError(file, "line L, column C", reason).
class CsvTable {
public:
    /// Parses `text`; `file` names it in errors. Throws InputError for an unterminated quote,
    /// a character after a closing quote, an empty file, a duplicated or empty header name, or a
    /// data row with a different number of fields than the header.
    [[nodiscard]] static CsvTable parse(std::string_view text, const std::string &file);
    /// Reads (readInputFile: regular files up to 64 MiB) and parses a file; a missing or
    /// unreadable file throws InputError with the OS reason.
    [[nodiscard]] static CsvTable readFile(const std::string &path);

    [[nodiscard]] const std::string &file() const { return m_file; }
    [[nodiscard]] const std::vector<std::string> &header() const { return m_header; }
    [[nodiscard]] std::size_t rowCount() const { return m_rows.size(); }
    [[nodiscard]] std::size_t columnCount() const { return m_header.size(); }

    /// Index of the column named `name` (exact match first, then case-insensitive), if any.
    [[nodiscard]] std::optional<std::size_t> findColumn(std::string_view name) const;
    /// The first of `candidates` that names a column (see findColumn).
    [[nodiscard]] std::optional<std::size_t>
    findAnyColumn(const std::vector<std::string> &candidates) const;
    /// Index of the column named `name`; throws InputError naming line 1 and listing the header.
    [[nodiscard]] std::size_t column(std::string_view name) const;

    /// Raw text of a cell (quotes removed, doubled quotes collapsed).
    [[nodiscard]] const std::string &cell(std::size_t row, std::size_t column) const;
    [[nodiscard]] bool isEmpty(std::size_t row, std::size_t column) const;
    /// Physical line (1-based) where a data row starts; quoted newlines make it differ from
    /// row + 2.
    [[nodiscard]] int lineOf(std::size_t row) const;
    /// "line L, column C (name)" for error messages.
    [[nodiscard]] std::string location(std::size_t row, std::size_t column) const;

    /// The cell as a finite number (surrounding blanks allowed); throws InputError otherwise.
    [[nodiscard]] double number(std::size_t row, std::size_t column) const;
    /// The cell as a finite number > 0; throws InputError otherwise.
    [[nodiscard]] double positiveNumber(std::size_t row, std::size_t column) const;
    /// The cell as a number when it holds one, nullopt when it is blank; throws InputError for
    /// text that is not a finite number.
    [[nodiscard]] std::optional<double> optionalNumber(std::size_t row, std::size_t column) const;

    /// Throws InputError for the given cell.
    [[noreturn]] void fail(std::size_t row, std::size_t column, const std::string &reason) const;

private:
    std::string m_file;
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
    std::vector<int> m_rowLines;
};

/// Parses a whole string as a finite double (blanks around it allowed); nullopt otherwise.
[[nodiscard]] std::optional<double> parseFiniteNumber(std::string_view text);

} // namespace scalescope::models
