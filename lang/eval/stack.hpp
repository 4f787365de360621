// How much native stack this thread has left. The evaluator recurses over
// bodies and expressions; its depth limit (E0908) counts levels, but a host
// may raise that limit or evaluate on a small thread stack, so the evaluator
// also stops, with the same error, before the stack itself runs out.
#pragma once

#include <cstdint>

namespace bao {

// The lowest stack address this thread may reach while evaluating: its
// stack's low end plus a margin for what runs between two checks (a builtin,
// a failure being thrown). 0 when the stack's bounds cannot be known, which
// disables the check. Computed once per thread.
uintptr_t stack_floor();

// The address of the caller's frame, compared with stack_floor(). Under
// AddressSanitizer locals may live on a heap "fake stack": the frame address
// is the real one.
#define BAO_FRAME_ADDRESS() reinterpret_cast<uintptr_t>(__builtin_frame_address(0))

}  // namespace bao
