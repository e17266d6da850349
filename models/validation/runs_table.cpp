#include "models/validation/runs_table.h"

#include <utility>

namespace scalescope::models {

RunsTable RunsTable::parse(std::string_view text, const std::string &file) {
    return RunsTable(CsvTable::parse(text, file));
}

RunsTable RunsTable::readFile(const std::string &path) {
    return RunsTable(CsvTable::readFile(path));
}

std::optional<std::size_t> RunsTable::findColumn(std::string_view name) const {
    return m_table.findColumn(name);
}

const std::string &RunsTable::cell(std::size_t row, std::string_view name) const {
    const auto column = findColumn(name);
    if (!column || row >= m_table.rowCount())
        return m_empty;
    return m_table.cell(row, *column);
}

void RunsTable::fail(std::size_t row, std::string_view name, const std::string &reason) const {
    m_table.fail(row, findColumn(name).value_or(0), reason);
}

} // namespace scalescope::models
