#pragma once

#include <string>
#include <vector>

namespace scalescope::app {

/// A plain-text table for command-line output: columns padded to their widest cell (counted in
/// UTF-8 code points, so "×" and "—" take one column), two spaces between columns.
class TextTable {
public:
    enum class Align { Left, Right };

    /// `header` names the columns; by default the first column is left-aligned and the others
    /// right-aligned (labels, then numbers).
    explicit TextTable(std::vector<std::string> header);

    void setAlignment(std::size_t column, Align align);
    /// Missing cells render empty; extra cells are an error (std::logic_error: a bug).
    void addRow(std::vector<std::string> cells);

    /// Header, a dashed rule, then the rows; every line ends with "\n", without trailing spaces.
    [[nodiscard]] std::string render() const;

private:
    std::vector<std::string> m_header;
    std::vector<Align> m_align;
    std::vector<std::vector<std::string>> m_rows;
};

/// A number for a table cell in the row's unit: "—" for 0 (unpublished) or non-finite values,
/// whole numbers with thousands separators from 10,000 up (35,000), otherwise 4 significant
/// digits (989.5, 2,250, 3.35, 0.0213).
[[nodiscard]] std::string formatTableNumber(double value);

/// Display width of UTF-8 text: the number of code points.
[[nodiscard]] std::size_t displayWidth(const std::string &text);

} // namespace scalescope::app
