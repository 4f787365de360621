#include "lang/source/printable.hpp"

#include <cstdint>

#include "lang/source/source.hpp"

namespace bao {

namespace {

// The code point at the start of valid UTF-8 text, and its length in bytes.
uint32_t decode(std::string_view s, size_t& len) {
  auto c = static_cast<unsigned char>(s[0]);
  len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len && k < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
  return cp;
}

bool unsafe(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFE ||
         cp == 0xFFFF;
}

void append_escape(std::string& out, uint32_t cp) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4)
    out += kHex[(cp >> shift) & 0xF];
}

// Calls `each(piece, cp, valid)` for every code point of valid stretches and
// for every invalid byte (valid = false).
template <class F>
void walk(std::string_view s, F each) {
  while (!s.empty()) {
    size_t bad = find_invalid_utf8(s);
    std::string_view good = s.substr(0, bad);
    for (size_t i = 0; i < good.size();) {
      size_t len;
      uint32_t cp = decode(good.substr(i), len);
      each(good.substr(i, len), cp, true);
      i += len;
    }
    if (bad == std::string_view::npos) break;
    each(s.substr(bad, 1), 0, false);
    s.remove_prefix(bad + 1);
  }
}

}  // namespace

std::string printable(std::string_view text, Tabs tabs) {
  if (!needs_escape(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  walk(text, [&](std::string_view piece, uint32_t cp, bool valid) {
    if (!valid)
      out += '?';
    else if (cp == '\t' && tabs == Tabs::expand)
      out += "    ";
    else if (unsafe(cp))
      append_escape(out, cp);
    else
      out += piece;
  });
  return out;
}

bool needs_escape(std::string_view text) {
  bool found = false;
  walk(text, [&](std::string_view, uint32_t cp, bool valid) { found |= !valid || unsafe(cp); });
  return found;
}

std::string json_printable(std::string json) {
  // Fast path: only bytes ≥ 0x7F can start what nlohmann leaves raw.
  bool high = false;
  for (char c : json)
    high |= static_cast<unsigned char>(c) >= 0x7F;
  if (!high) return json;
  std::string out;
  out.reserve(json.size() + 16);
  walk(json, [&](std::string_view piece, uint32_t cp, bool valid) {
    // Outside strings JSON has only ASCII punctuation, digits and letters, so
    // each such character is inside a string, where `\uXXXX` means itself.
    if (valid && cp >= 0x7F && unsafe(cp))
      append_escape(out, cp);
    else
      out += piece;
  });
  return out;
}

}  // namespace bao
