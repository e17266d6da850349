#include "app/cli/text_table.h"

#include "models/core/format.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace scalescope::app {

std::size_t displayWidth(const std::string &text) {
    // UTF-8 continuation bytes are 10xxxxxx; every other byte starts a code point.
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    }));
}

std::string formatTableNumber(double value) {
    if (value == 0.0 || !std::isfinite(value))
        return "—";
    if (std::fabs(value) < 1.0e4)
        return models::formatSignificant(value, 4);
    const long long whole = std::llround(value);
    const std::string digits = std::to_string(whole < 0 ? -whole : whole);
    std::string out = whole < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

TextTable::TextTable(std::vector<std::string> header)
    : m_header(std::move(header))
    , m_align(m_header.size(), Align::Right) {
    if (!m_align.empty())
        m_align.front() = Align::Left;
}

void TextTable::setAlignment(std::size_t column, Align align) {
    if (column >= m_align.size()) // a bug in the report code, not input: std::logic_error
        throw std::logic_error("TextTable: no such column");
    m_align[column] = align;
}

void TextTable::addRow(std::vector<std::string> cells) {
    if (cells.size() > m_header.size()) // a bug in the report code
        throw std::logic_error("TextTable: row has more cells than the header");
    cells.resize(m_header.size());
    m_rows.push_back(std::move(cells));
}

std::string TextTable::render() const {
    std::vector<std::size_t> widths(m_header.size(), 0);
    const auto measure = [&](const std::vector<std::string> &cells) {
        for (std::size_t c = 0; c < cells.size(); ++c)
            widths[c] = std::max(widths[c], displayWidth(cells[c]));
    };
    measure(m_header);
    for (const auto &row : m_rows)
        measure(row);

    const auto line = [&](const std::vector<std::string> &cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string padding(widths[c] - displayWidth(cells[c]), ' ');
            if (c > 0)
                out += "  ";
            out += m_align[c] == Align::Left ? cells[c] + padding : padding + cells[c];
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };

    std::string out = line(m_header);
    std::size_t total = 0;
    for (std::size_t c = 0; c < widths.size(); ++c)
        total += widths[c] + (c > 0 ? 2 : 0);
    out += std::string(total, '-') + "\n";
    for (const auto &row : m_rows)
        out += line(row);
    return out;
}

} // namespace scalescope::app
