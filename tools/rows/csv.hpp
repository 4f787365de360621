// CSV records (RFC 4180): splitting one record into fields, and writing a
// cell so that any text survives a round trip.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bao::rows {

// Splits one record, its line terminator removed, into `fields` (cleared
// first). Quoted fields may hold commas, quotes written twice and newlines.
// Returns an empty string, or what is wrong ("an unterminated quoted field").
std::string split_csv(std::string_view record, std::vector<std::string>& fields);

// Appends `cell` to `out`, quoted when it holds a comma, a quote, a line
// break or spaces at either end.
void append_csv_cell(std::string& out, std::string_view cell);

}  // namespace bao::rows
