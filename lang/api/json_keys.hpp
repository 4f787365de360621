// The keys of one open JSON object, so that a key written twice is refused in
// linear time however many keys the object has: a plain scan for the first
// few keys, an open-addressing table of indices past them. Keys are copied
// into one buffer (a JSON key may hold escapes, so it is not a view of the
// input); about the key's length plus 16 bytes each.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bao {

class KeySet {
 public:
  // Forgets the keys; keeps the buffers for the next object at this depth.
  void clear() {
    bytes_.clear();
    ends_.clear();
    slots_.clear();
  }
  size_t size() const { return ends_.size(); }

  // Adds `k`; false when it is there already.
  bool insert(std::string_view k) {
    if (slots_.empty() && ends_.size() < kScan) {
      for (size_t i = 0; i < ends_.size(); ++i)
        if (key(i) == k) return false;
    } else {
      if ((ends_.size() + 1) * 2 > slots_.size()) rehash();
      size_t mask = slots_.size() - 1;
      size_t s = std::hash<std::string_view>{}(k)&mask;
      for (; slots_[s] != 0; s = (s + 1) & mask)
        if (key(slots_[s] - 1) == k) return false;
      slots_[s] = static_cast<uint32_t>(ends_.size() + 1);
    }
    bytes_.append(k);
    ends_.push_back(bytes_.size());
    return true;
  }

 private:
  static constexpr size_t kScan = 16;
  std::string_view key(size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  // A table at most half full, so probes stay short.
  void rehash() {
    size_t n = 64;
    while (n < (ends_.size() + 1) * 2)
      n *= 2;
    slots_.assign(n, 0);
    for (size_t i = 0; i < ends_.size(); ++i) {
      size_t s = std::hash<std::string_view>{}(key(i)) & (n - 1);
      while (slots_[s] != 0)
        s = (s + 1) & (n - 1);
      slots_[s] = static_cast<uint32_t>(i + 1);
    }
  }
  std::string bytes_;            // the keys, one after another
  std::vector<size_t> ends_;     // where key i ends in bytes_
  std::vector<uint32_t> slots_;  // key index + 1; 0 is empty
};

}  // namespace bao
