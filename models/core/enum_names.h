#pragma once

// One name table per enum. An enum opts in by specialising EnumNames<E> next to its
// declaration with a constexpr array of {value, "name"} pairs, e.g.
//
//     template <> struct EnumNames<Colour> {
//         static constexpr std::array<EnumName<Colour>, 2> table{
//             {{Colour::Red, "red"}, {Colour::Green, "green"}}};
//     };
//
// The file formats, the command line, the views and the tests then spell the enum through
// enumName / parseEnum / enumNameList, so a name is written once (see docs/ARCHITECTURE.md, "Error
// policy").

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace scalescope::models {

template <typename E> struct EnumName {
    E value;
    std::string_view name;
};

/// Specialised per enum with `static constexpr std::array<EnumName<E>, N> table`.
template <typename E> struct EnumNames;

template <typename E>
concept NamedEnum = requires {
    EnumNames<E>::table;
};

/// The name of `value`. A value missing from its table is a bug (the table is incomplete), so
/// that throws std::logic_error rather than an input error.
template <NamedEnum E> [[nodiscard]] constexpr std::string_view enumName(E value) {
    for (const auto &entry : EnumNames<E>::table)
        if (entry.value == value)
            return entry.name;
    throw std::logic_error("enum value missing from its name table");
}

/// The value named `name` (exact, case-sensitive), or nullopt.
template <NamedEnum E> [[nodiscard]] constexpr std::optional<E> parseEnum(std::string_view name) {
    for (const auto &entry : EnumNames<E>::table)
        if (entry.name == name)
            return entry.value;
    return std::nullopt;
}

/// Every name in table order (combo boxes, JSON choice lists).
template <NamedEnum E> [[nodiscard]] std::vector<std::string> enumNameList() {
    std::vector<std::string> names;
    names.reserve(EnumNames<E>::table.size());
    for (const auto &entry : EnumNames<E>::table)
        names.emplace_back(entry.name);
    return names;
}

/// The names joined for an error message: `separator` between them ("none, selective, full").
template <NamedEnum E> [[nodiscard]] std::string enumNamesText(std::string_view separator = ", ") {
    std::string text;
    for (std::size_t i = 0; i < EnumNames<E>::table.size(); ++i) {
        if (i > 0)
            text += separator;
        text += EnumNames<E>::table[i].name;
    }
    return text;
}

/// The name as a std::string (for concatenation and JSON).
template <NamedEnum E> [[nodiscard]] std::string enumString(E value) {
    return std::string(enumName(value));
}

} // namespace scalescope::models
