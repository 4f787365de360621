// Reads a case's inputs from JSON and validates each value against the type
// its `input` declaration gives, before anything is evaluated. Numbers are
// kept as the text that was written, so no amount ever passes through a
// binary float; every error names its JSON path (`$.claim.in_scope`).
#pragma once

#include <string_view>
#include <vector>

#include "lang/check/checked.hpp"
#include "lang/diag/diagnostic.hpp"
#include "lang/eval/evaluator.hpp"

namespace bao {

inline constexpr FileId kNoFile = UINT32_MAX;

struct JsonScratch;

// Fills `out` (one value per input); returns the errors found, empty when valid.
// Every list item and record field counts against `max_values`. Tries the
// fast reader (json_fast.hpp) with `scratch`'s buffers, then, if it gives
// up, the full one.
std::vector<Diag> read_json_inputs(const CheckedPolicy& c, std::string_view json, InputValues& out,
                                   uint32_t max_values, JsonScratch& scratch);

// The full reader alone (json_reader.cpp, on nlohmann's parser events),
// which finds every error and names its path.
std::vector<Diag> read_json_inputs_full(const CheckedPolicy& c, std::string_view json,
                                        InputValues& out, uint32_t max_values);

// Converts one JSON scalar text (already known to be a string or number) to a
// value of type `t`; used by the typed setters too. Returns an error message.
std::string scalar_from_text(const CheckedPolicy& c, TypeRef t, std::string_view text,
                             bool is_string, Value& out, InputValues& in);

// The code of an error scalar_from_text returned for a value of this kind.
DiagKind input_error_kind(TypeKind kind, std::string_view message);

}  // namespace bao
