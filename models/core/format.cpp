#include "models/core/format.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace scalescope::models {

namespace {

constexpr const char *kNotANumber = "n/a";

/// Rounds to `digits` significant digits and prints without trailing zeros or exponent.
std::string significantPlain(double value, int digits) {
    if (value == 0.0)
        return "0";
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    int decimals = std::max(0, digits - 1 - magnitude);
    const double scale = std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    // Rounding can add a digit (9.996 -> 10.0); recompute decimals for the new magnitude.
    if (std::floor(std::log10(std::fabs(rounded))) > magnitude)
        decimals = std::max(0, decimals - 1);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, rounded);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (!text.empty() && text.back() == '0')
            text.pop_back();
        if (!text.empty() && text.back() == '.')
            text.pop_back();
    }
    return text;
}

std::string withThousands(const std::string &text) {
    const auto dot = text.find('.');
    std::string integer = text.substr(0, dot);
    const std::string rest = dot == std::string::npos ? "" : text.substr(dot);
    const bool negative = !integer.empty() && integer[0] == '-';
    if (negative)
        integer.erase(0, 1);
    std::string grouped;
    for (std::size_t i = 0; i < integer.size(); ++i) {
        if (i > 0 && (integer.size() - i) % 3 == 0)
            grouped += ',';
        grouped += integer[i];
    }
    return (negative ? "-" : "") + grouped + rest;
}

struct Prefix {
    double factor;
    const char *symbol;
};

std::string withPrefix(double value, const Prefix *prefixes, int count, int digits,
                       const std::string &separator) {
    if (!std::isfinite(value))
        return kNotANumber;
    const double magnitude = std::fabs(value);
    for (int i = 0; i < count; ++i) {
        // Choose the largest prefix whose value stays >= 1 after rounding.
        if (magnitude >= prefixes[i].factor * (1.0 - 0.5 * std::pow(10.0, 1 - digits))) {
            return significantPlain(value / prefixes[i].factor, digits) + separator +
                   prefixes[i].symbol;
        }
    }
    return significantPlain(value, digits) + separator;
}

} // namespace

std::string formatSignificant(double value, int digits) {
    if (!std::isfinite(value))
        return kNotANumber;
    if (std::fabs(value) >= 1.0e4)
        return formatCount(value, digits);
    return withThousands(significantPlain(value, std::max(digits, 1)));
}

std::string formatCount(double value, int digits) {
    static const Prefix prefixes[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    if (std::isfinite(value) && std::fabs(value) < 1.0e3)
        return significantPlain(value, digits);
    if (std::isfinite(value) && std::fabs(value) >= 1.0e15)
        return formatScientific(value, "", digits - 1);
    return withPrefix(value, prefixes, 4, digits, "");
}

std::string formatSi(double value, const std::string &unit, int digits) {
    static const Prefix prefixes[] = {{1e24, "Y"}, {1e21, "Z"}, {1e18, "E"}, {1e15, "P"},
                                      {1e12, "T"}, {1e9, "G"},  {1e6, "M"},  {1e3, "k"},
                                      {1.0, ""},   {1e-3, "m"}, {1e-6, "µ"}, {1e-9, "n"}};
    if (value == 0.0)
        return "0 " + unit;
    std::string text = withPrefix(value, prefixes, 12, digits, " ");
    return text + unit;
}

std::string formatBytesBinary(double bytes, int digits) {
    static const Prefix prefixes[] = {{1099511627776.0, "TiB"},
                                      {1073741824.0, "GiB"},
                                      {1048576.0, "MiB"},
                                      {1024.0, "KiB"},
                                      {1.0, "B"}};
    if (bytes == 0.0)
        return "0 B";
    return withPrefix(bytes, prefixes, 5, digits, " ");
}

std::string formatBytesDecimal(double bytes, int digits) {
    static const Prefix prefixes[] = {{1e15, "PB"}, {1e12, "TB"}, {1e9, "GB"},
                                      {1e6, "MB"},  {1e3, "kB"},  {1.0, "B"}};
    if (bytes == 0.0)
        return "0 B";
    return withPrefix(bytes, prefixes, 6, digits, " ");
}

std::string formatScientific(double value, const std::string &unit, int digits) {
    if (!std::isfinite(value))
        return kNotANumber;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*e", std::max(digits - 1, 0), value);
    std::string text = buffer;
    // "1.20e+24" -> "1.2e24"
    const auto e = text.find('e');
    std::string mantissa = text.substr(0, e);
    std::string exponent = text.substr(e + 1);
    if (mantissa.find('.') != std::string::npos) {
        while (mantissa.back() == '0')
            mantissa.pop_back();
        if (mantissa.back() == '.')
            mantissa.pop_back();
    }
    const bool negativeExponent = exponent[0] == '-';
    exponent.erase(0, 1);
    while (exponent.size() > 1 && exponent[0] == '0')
        exponent.erase(0, 1);
    text = mantissa + "e" + (negativeExponent ? "-" : "") + exponent;
    return unit.empty() ? text : text + " " + unit;
}

std::string formatDuration(double seconds, int digits) {
    if (!std::isfinite(seconds))
        return kNotANumber;
    const double magnitude = std::fabs(seconds);
    if (magnitude < 1.0)
        return formatSi(seconds, "s", digits);
    if (magnitude < 120.0)
        return significantPlain(seconds, digits) + " s";
    if (magnitude < 2.0 * 3600.0)
        return significantPlain(seconds / 60.0, digits) + " min";
    if (magnitude < 2.0 * 86400.0)
        return significantPlain(seconds / 3600.0, digits) + " h";
    if (magnitude < 2.0 * 365.25 * 86400.0)
        return withThousands(significantPlain(seconds / 86400.0, digits)) + " days";
    return withThousands(significantPlain(seconds / (365.25 * 86400.0), digits)) + " years";
}

std::string formatUsd(double usd, int digits) {
    static const Prefix prefixes[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    if (!std::isfinite(usd))
        return kNotANumber;
    const std::string sign = usd < 0 ? "-" : "";
    const double magnitude = std::fabs(usd);
    if (magnitude < 1.0e3)
        return sign + "$" + significantPlain(magnitude, digits);
    return sign + "$" + withPrefix(magnitude, prefixes, 4, digits, "");
}

std::string formatPercent(double fraction, int digits) {
    if (!std::isfinite(fraction))
        return kNotANumber;
    const double percent = fraction * 100.0;
    // Keep at least integer precision: 43.2%, 100%, 0.5%.
    return significantPlain(percent, std::fabs(percent) >= 100.0 ? std::max(digits, 3) : digits) +
           "%";
}

std::string formatRatio(double ratio, int digits) {
    if (!std::isfinite(ratio))
        return kNotANumber;
    return significantPlain(ratio, digits) + "×";
}

} // namespace scalescope::models
