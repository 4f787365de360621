// Limits on what one parse may hold, shared by the syntax stage and the
// public API (bao::Limits::parse).
#pragma once

#include <cstddef>

namespace bao {

struct ParseLimits {
  size_t max_file_bytes = 4u << 20;  // 4 MiB: far above any real policy
  size_t max_nesting = 100;          // nested expressions (parentheses, if, match, …)
  size_t max_expr_depth = 400;       // depth of the built tree, chains of operators included
  bool operator==(const ParseLimits&) const = default;
};

}  // namespace bao
