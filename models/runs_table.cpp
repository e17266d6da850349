#include "models/runs_table.h"

#include "models/input_error.h"

#include <fstream>
#include <sstream>

namespace scalescope::models {

namespace {

std::string where(int line, std::size_t column) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column + 1);
}

} // namespace

RunsTable RunsTable::parse(std::string_view text, const std::string &file) {
    RunsTable table;
    table.m_file = file;
    std::vector<std::vector<std::string>> records;
    std::vector<int> recordLines;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool afterQuote = false;
    bool recordStarted = false;
    int line = 1;
    int recordLine = 1;
    std::size_t i = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        i = 3; // UTF-8 byte-order mark
    auto endField = [&] {
        record.push_back(field);
        field.clear();
        afterQuote = false;
    };
    auto endRecord = [&] {
        endField();
        records.push_back(record);
        recordLines.push_back(recordLine);
        record.clear();
        recordStarted = false;
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (!recordStarted) {
            recordStarted = true;
            recordLine = line;
        }
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == ',') {
            endField();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endRecord();
            ++line;
        } else if (afterQuote) {
            throw InputError(file, where(line, record.size()),
                             "text after a closing quote (RFC 4180: quote the whole field)");
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else {
            field += c;
        }
    }
    if (quoted)
        throw InputError(file, where(recordLine, record.size()), "unterminated quoted field");
    if (recordStarted)
        endRecord();
    if (records.empty())
        throw InputError(file, "line 1", "empty file: a header row is required");
    table.m_header = records.front();
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() == 1 && records[r][0].empty())
            continue; // blank line
        if (records[r].size() != table.m_header.size())
            throw InputError(file, "line " + std::to_string(recordLines[r]),
                             "record has " + std::to_string(records[r].size()) +
                                 " fields, the header has " +
                                 std::to_string(table.m_header.size()));
        table.m_rows.push_back(std::move(records[r]));
        table.m_lines.push_back(recordLines[r]);
    }
    return table;
}

RunsTable RunsTable::readFile(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, "", "cannot open the file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

std::optional<std::size_t> RunsTable::findColumn(std::string_view name) const {
    for (std::size_t c = 0; c < m_header.size(); ++c)
        if (m_header[c] == name)
            return c;
    return std::nullopt;
}

const std::string &RunsTable::cell(std::size_t row, std::string_view name) const {
    const auto column = findColumn(name);
    if (!column || row >= m_rows.size())
        return m_empty;
    return m_rows[row][*column];
}

int RunsTable::lineOf(std::size_t row) const {
    return row < m_lines.size() ? m_lines[row] : 0;
}

void RunsTable::fail(std::size_t row, std::string_view name, const std::string &reason) const {
    const auto column = findColumn(name);
    throw InputError(
        m_file, where(lineOf(row), column.value_or(0)) + " (" + std::string(name) + ")", reason);
}

} // namespace scalescope::models
