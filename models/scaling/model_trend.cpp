#include "models/scaling/model_trend.h"

#include "models/core/input_error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace scalescope::models {

namespace {

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::vector<std::string> splitList(const std::string &text) {
    std::vector<std::string> items;
    std::string item;
    for (char c : text + ",") {
        if (c == ',') {
            const auto first = item.find_first_not_of(' ');
            const auto last = item.find_last_not_of(' ');
            if (first != std::string::npos)
                items.push_back(item.substr(first, last - first + 1));
            item.clear();
        } else {
            item += c;
        }
    }
    return items;
}

} // namespace

std::optional<double> fractionalYear(const std::string &isoDate) {
    int year = 0, month = 0, day = 0;
    if (isoDate.size() != 10 || isoDate[4] != '-' || isoDate[7] != '-')
        return std::nullopt;
    const char *text = isoDate.data();
    if (std::from_chars(text, text + 4, year).ec != std::errc() ||
        std::from_chars(text + 5, text + 7, month).ec != std::errc() ||
        std::from_chars(text + 8, text + 10, day).ec != std::errc())
        return std::nullopt;
    static const int daysBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    static const int daysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > daysIn[month - 1] ||
        (month == 2 && day == 29 && !isLeapYear(year)))
        return std::nullopt;
    const int dayOfYear = daysBefore[month - 1] + (month > 2 && isLeapYear(year) ? 1 : 0) + day;
    return year + (dayOfYear - 1) / (isLeapYear(year) ? 366.0 : 365.0);
}

std::vector<NotableModel> loadNotableModels(const CsvTable &table) {
    const auto nameColumn = table.column("Model");
    const auto organizationColumn = table.findColumn("Organization");
    const auto dateColumn = table.column("Publication date");
    const auto domainColumn = table.column("Domain");
    const auto parameterColumn = table.column("Parameters");
    const auto computeColumn = table.column("Training compute (FLOP)");
    const auto confidenceColumn = table.findColumn("Confidence");
    std::vector<NotableModel> models;
    models.reserve(table.rowCount());
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        NotableModel model;
        model.name = table.cell(row, nameColumn);
        if (organizationColumn)
            model.organization = table.cell(row, *organizationColumn);
        model.publicationDate = table.cell(row, dateColumn);
        const auto year = fractionalYear(model.publicationDate);
        if (!year)
            table.fail(row, dateColumn,
                       "expected a date YYYY-MM-DD, found \"" + model.publicationDate + "\"");
        model.publicationYear = *year;
        model.domains = splitList(table.cell(row, domainColumn));
        model.parameters = table.optionalNumber(row, parameterColumn);
        model.trainingComputeFlop = table.optionalNumber(row, computeColumn);
        if (confidenceColumn)
            model.confidence = table.cell(row, *confidenceColumn);
        models.push_back(std::move(model));
    }
    return models;
}

GrowthTrend growthTrend(const std::vector<NotableModel> &models, TrendQuantity quantity,
                        const TrendOptions &options) {
    GrowthTrend trend;
    trend.quantity = quantity;
    std::vector<double> years, logs;
    for (const auto &model : models) {
        if (model.publicationYear < options.fromYear || model.publicationYear > options.toYear)
            continue;
        if (!options.domain.empty() && std::find(model.domains.begin(), model.domains.end(),
                                                 options.domain) == model.domains.end())
            continue;
        const auto &value =
            quantity == TrendQuantity::Parameters ? model.parameters : model.trainingComputeFlop;
        if (!value || !(*value > 0.0))
            continue;
        trend.points.push_back({model.publicationYear, *value, model.name});
        years.push_back(model.publicationYear);
        logs.push_back(std::log10(*value));
    }
    const std::string column =
        quantity == TrendQuantity::Parameters ? "Parameters" : "Training compute (FLOP)";
    const auto year = [](double value) {
        std::ostringstream text; // 2018, 2018.5: no thousands separator in a year
        text << value;
        return text.str();
    };
    const std::string filter =
        " (domain \"" + options.domain + "\", years " + year(options.fromYear) + " to " +
        (std::isfinite(options.toYear) ? year(options.toYear) : std::string("now")) + ")";
    if (trend.points.size() < 2)
        throw InputError(options.file, column,
                         "a growth trend needs at least 2 models with a value, " +
                             std::to_string(trend.points.size()) + " match" + filter);
    if (std::all_of(years.begin(), years.end(), [&](double y) { return y == years.front(); }))
        throw InputError(options.file, "Publication date",
                         "every model that matches has the same publication date" + filter);
    trend.fit = fitLinear(years, logs);
    trend.ordersOfMagnitudePerYear = trend.fit.slope;
    trend.factorPerYear = std::pow(10.0, trend.fit.slope);
    trend.doublingTimeMonths = 12.0 * std::log10(2.0) / trend.fit.slope;
    return trend;
}

} // namespace scalescope::models
