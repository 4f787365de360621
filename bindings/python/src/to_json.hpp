// Python case (a dict of str keys) -> the JSON text `bao run` reads. Exact by
// construction: Decimal becomes a JSON string in positional notation, a date
// its ISO text, an int its digits; a float (or NaN, a non-str key, any other
// type) is refused with the JSON path of the place, never converted.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

namespace baopy {

// Why a value was refused: a Bao input code (E0802 wrong type), the JSON path
// ("$.claim.in_scope") and a message that starts with the path, as the
// library's own input errors do.
struct Refusal {
  std::string code, path, message;
};

// The cached Python types the conversions test against (decimal.Decimal,
// datetime.date, datetime.datetime, format); loaded once with the GIL held.
struct PyTypes {
  pybind11::object decimal, date, datetime, format;
  static const PyTypes& get();
};

// Appends the JSON of `value` to `out`; false with `why` set when refused.
// Call with the GIL held.
bool to_json(pybind11::handle value, std::string& out, Refusal& why);

// "E0802 $.x: message": one line for a DataFrame's `error` column.
std::string refusal_line(const Refusal& r);

}  // namespace baopy
