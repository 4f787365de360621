#include "lang/eval/stack.hpp"

#include <pthread.h>

#include <algorithm>
#include <cstddef>

namespace bao {

namespace {

// Sanitizers make frames several times larger, and a throw runs the unwinder
// on the same stack: the margin covers both with room to spare.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr size_t kMargin = 1u << 20;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr size_t kMargin = 1u << 20;
#else
constexpr size_t kMargin = 256u << 10;
#endif
#else
constexpr size_t kMargin = 256u << 10;
#endif

uintptr_t compute_floor() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void* low = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &low, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0 || low == nullptr || size == 0) return 0;
  // On a small stack keep at least a quarter of it for the margin's work.
  size_t margin = std::min(kMargin, size / 4);
  return reinterpret_cast<uintptr_t>(low) + margin;
}

}  // namespace

uintptr_t stack_floor() {
  thread_local const uintptr_t floor = compute_floor();
  return floor;
}

}  // namespace bao
