// Where something is in a policy's sources: a file of the policy (by index)
// and a range of bytes in it. Plain values, shared by every stage and the
// public API; line and column are computed only when shown.
#pragma once

#include <cstdint>

namespace bao {

using FileId = uint32_t;

// A range of bytes in one file. The file travels with the span because one
// checked policy gathers declarations from several files (extends, use).
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  FileId file = 0;
  friend bool operator==(Span, Span) = default;
};

struct LineCol {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in Unicode code points
};

// A place in a policy's files; `file` is UINT32_MAX for no place in a file
// (a problem of the case's JSON, or of the command line).
struct Location {
  FileId file = 0;
  Span span;
};
// Where a span points: its own file.
inline Location loc(Span s) {
  return {s.file, s};
}

}  // namespace bao
