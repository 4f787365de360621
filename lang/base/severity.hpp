// How bad a diagnostic is. `retired` marks a code no longer emitted (kept in
// the registry so its number is never reused); no diagnostic carries it.
#pragma once

#include <cstdint>

namespace bao {

enum class Severity : uint8_t { error, warning, retired };

}  // namespace bao
