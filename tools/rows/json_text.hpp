// Small JSON writing helpers shared by the row readers and writers.
#pragma once

#include <string>
#include <string_view>

#include "lang/api/bao.hpp"

namespace bao::rows {

// Appends `s` as a JSON string: quotes, backslashes and control characters
// escaped, UTF-8 kept as it is (the caller has checked it is valid).
void append_json_string(std::string& out, std::string_view s);

// A value of an output as a CSV cell ("1234.50", "0.7", "2025-03-01",
// "dibao", "true"; empty for none; records and lists as compact JSON).
void append_cell(std::string& out, const OutputValue& v);
// The same value as JSON, as `bao run` writes it: money, rates, decimals,
// dates, durations, texts and enums as strings.
void append_json(std::string& out, const OutputValue& v);

}  // namespace bao::rows
