// Library values -> Python objects, exact: money and decimals as
// decimal.Decimal built from their exact text, dates as datetime.date,
// records as dicts, lists as lists, `none` as None. Call with the GIL held.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "lang/api/bao.hpp"

namespace baopy {

pybind11::object to_python(const bao::OutputValue& v);
pybind11::dict to_python(const bao::Diagnostic& d);
pybind11::dict to_python(const bao::Schema& s);

}  // namespace baopy
