#include "models/core/csv_table.h"

#include "models/core/input_error.h"
#include "models/core/input_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>

namespace scalescope::models {

namespace {

std::string lineColumn(int line, std::size_t column) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column + 1);
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/// Offset of the first byte in `text` that does not belong to well-formed UTF-8 (Unicode 15,
/// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
std::size_t invalidUtf8At(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char lead = byte(i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        if (i + length > text.size())
            return i;
        if (byte(i + 1) < low || byte(i + 1) > high)
            return i;
        for (std::size_t k = 2; k < length; ++k)
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
                return i;
        i += length;
    }
    return std::string_view::npos;
}

/// Cells reach JSON output (validate --json) and the GUI: they must be UTF-8.
void requireUtf8(const std::string &field, const std::string &file, int line, std::size_t index) {
    const std::size_t bad = invalidUtf8At(field);
    if (bad == std::string_view::npos)
        return;
    static const char *hex = "0123456789ABCDEF";
    const auto value = static_cast<unsigned char>(field[bad]);
    throw InputError(file, lineColumn(line, index),
                     std::string("not valid UTF-8 (byte 0x") + hex[value >> 4] + hex[value & 15] +
                         "): save the file as UTF-8");
}

/// One record as the parser sees it: the fields, and the line each field starts on.
struct Record {
    std::vector<std::string> fields;
    int line = 0;
};

/// RFC 4180 [1] state machine over the whole text.
std::vector<Record> parseRecords(std::string_view text, const std::string &file) {
    std::vector<Record> records;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3); // UTF-8 byte-order mark
    int line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        Record record;
        record.line = line;
        bool endOfRecord = false;
        while (!endOfRecord) {
            std::string field;
            const int fieldLine = line;
            const std::size_t fieldIndex = record.fields.size();
            if (i < n && text[i] == '"') {
                ++i;
                bool closed = false;
                while (i < n) {
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == '\n')
                        ++line;
                    field += c;
                    ++i;
                }
                if (!closed)
                    throw InputError(file, lineColumn(fieldLine, fieldIndex),
                                     "unterminated quoted field (the closing \" is missing)");
                while (i < n && (text[i] == ' ' || text[i] == '\t'))
                    ++i;
                if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    throw InputError(file, lineColumn(line, fieldIndex),
                                     std::string("unexpected character '") + text[i] +
                                         "' after a closing quote");
            } else {
                while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    field += text[i++];
            }
            requireUtf8(field, file, fieldLine, fieldIndex);
            record.fields.push_back(std::move(field));
            if (i >= n) {
                endOfRecord = true;
            } else if (text[i] == ',') {
                ++i;
            } else { // CRLF, LF or a lone CR ends the record
                if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')
                    ++i;
                ++i;
                ++line;
                endOfRecord = true;
            }
        }
        const bool blank = record.fields.size() == 1 && trimmed(record.fields[0]).empty();
        if (!blank)
            records.push_back(std::move(record));
    }
    return records;
}

} // namespace

std::optional<double> parseFiniteNumber(std::string_view text) {
    text = trimmed(text);
    if (text.empty())
        return std::nullopt;
    if (text.front() == '+')
        text.remove_prefix(1);
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

CsvTable CsvTable::parse(std::string_view text, const std::string &file) {
    auto records = parseRecords(text, file);
    if (records.empty())
        throw InputError(file, "line 1", "empty file (a header row is required)");
    CsvTable table;
    table.m_file = file;
    table.m_header = std::move(records.front().fields);
    for (std::size_t c = 0; c < table.m_header.size(); ++c) {
        const auto name = trimmed(table.m_header[c]);
        if (name.empty() && table.m_header.size() > 1)
            throw InputError(file, lineColumn(records.front().line, c), "empty column name");
        for (std::size_t other = 0; other < c; ++other)
            if (trimmed(table.m_header[other]) == name)
                throw InputError(file, lineColumn(records.front().line, c),
                                 "duplicate column name \"" + std::string(name) + "\"");
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        auto &record = records[r];
        if (record.fields.size() != table.m_header.size())
            throw InputError(file, "line " + std::to_string(record.line),
                             "expected " + std::to_string(table.m_header.size()) +
                                 " fields as in the header, found " +
                                 std::to_string(record.fields.size()));
        table.m_rowLines.push_back(record.line);
        table.m_rows.push_back(std::move(record.fields));
    }
    return table;
}

CsvTable CsvTable::readFile(const std::string &path) {
    return parse(readInputFile(path), path);
}

std::optional<std::size_t> CsvTable::findColumn(std::string_view name) const {
    const auto wanted = trimmed(name);
    for (std::size_t c = 0; c < m_header.size(); ++c)
        if (trimmed(m_header[c]) == wanted)
            return c;
    for (std::size_t c = 0; c < m_header.size(); ++c)
        if (equalsIgnoringCase(trimmed(m_header[c]), wanted))
            return c;
    return std::nullopt;
}

std::optional<std::size_t>
CsvTable::findAnyColumn(const std::vector<std::string> &candidates) const {
    for (const auto &candidate : candidates)
        if (auto found = findColumn(candidate))
            return found;
    return std::nullopt;
}

std::size_t CsvTable::column(std::string_view name) const {
    if (auto found = findColumn(name))
        return *found;
    std::string known;
    for (const auto &h : m_header)
        known += (known.empty() ? "" : ", ") + ("\"" + h + "\"");
    throw InputError(m_file, "line 1",
                     "missing column \"" + std::string(name) + "\" (the header has " + known + ")");
}

const std::string &CsvTable::cell(std::size_t row, std::size_t column) const {
    return m_rows.at(row).at(column);
}

bool CsvTable::isEmpty(std::size_t row, std::size_t column) const {
    return trimmed(cell(row, column)).empty();
}

int CsvTable::lineOf(std::size_t row) const {
    return m_rowLines.at(row);
}

std::string CsvTable::location(std::size_t row, std::size_t column) const {
    return lineColumn(lineOf(row), column) + " (" + std::string(trimmed(m_header.at(column))) + ")";
}

void CsvTable::fail(std::size_t row, std::size_t column, const std::string &reason) const {
    throw InputError(m_file, location(row, column), reason);
}

std::optional<double> CsvTable::optionalNumber(std::size_t row, std::size_t column) const {
    if (isEmpty(row, column))
        return std::nullopt;
    const auto value = parseFiniteNumber(cell(row, column));
    if (!value) {
        auto text = trimmed(cell(row, column));
        // from_chars reads "nan", "inf" and overflowing exponents ("1e999") but they are not
        // finite: say so rather than "not a number".
        double parsed = 0.0;
        const auto digits = text.substr(!text.empty() && text.front() == '+' ? 1 : 0);
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
        const bool nonFinite = end == digits.data() + digits.size() &&
                               (error == std::errc::result_out_of_range || !std::isfinite(parsed));
        fail(row, column,
             nonFinite ? "non-finite value \"" + std::string(text) + "\""
                       : "expected a number, found \"" + std::string(text) + "\"");
    }
    return value;
}

double CsvTable::number(std::size_t row, std::size_t column) const {
    const auto value = optionalNumber(row, column);
    if (!value)
        fail(row, column, "empty value (a number is required)");
    return *value;
}

double CsvTable::positiveNumber(std::size_t row, std::size_t column) const {
    const double value = number(row, column);
    if (!(value > 0.0)) {
        std::ostringstream text;
        text << "must be > 0, found " << value;
        fail(row, column, text.str());
    }
    return value;
}

} // namespace scalescope::models
