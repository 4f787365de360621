// The top-level members of a JSON object as byte ranges of its text, so a
// JSON Lines row can lose its id members and keep every number exactly as
// written (never through a double).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bao::rows {

struct Member {
  std::string key;         // unescaped
  std::string_view value;  // the value's text, exactly as in the row
};

// The members of the object `text`; nullopt when it is not one object (the
// full check of the case is the policy's JSON reader's, afterwards).
std::optional<std::vector<Member>> object_members(std::string_view text);

// A value's text as a cell: a string's content unescaped, anything else as written.
std::string cell_of(std::string_view json_value);

}  // namespace bao::rows
