// Internal to lang/api: the fast way a case's JSON is read (json_fast.cpp).
// It reads the common case — well-formed JSON that gives every input a value
// of its type — in one pass over the bytes, straight into the input values.
// At the first thing it does not take (anything that would be an error, and a
// few rare forms such as a string with escapes or a number with an exponent)
// it gives up, and read_json_inputs reads the text again with the full
// reader (json_reader.cpp), which names the problem. So a case that reads is
// read to the same values both ways, and every error is the full reader's.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "lang/check/checked.hpp"
#include "lang/eval/evaluator.hpp"

namespace bao {

// Buffers the fast reader reuses from one case to the next.
struct JsonScratch {
  std::vector<Value> items;    // the items of the lists open, before they move to the heap
  std::vector<uint8_t> given;  // which fields of the records open (and inputs) were given
};

// Reads `json` into `out` and returns true when the case has nothing to
// report; false when the full reader must read it (`out` is then partly
// written, and read_json_inputs starts it again).
bool read_json_fast(const CheckedPolicy& c, std::string_view json, InputValues& out,
                    uint32_t max_values, JsonScratch& scratch);

}  // namespace bao
