// Output values as JSON text, written straight into a string: the bytes
// nlohmann::json dumps for value_json (lang/eval/format.cpp) — object keys
// in byte order, `indent` spaces a level or none — without building a JSON
// tree. Strings that need more than plain ASCII copying (control
// characters, bytes that are not UTF-8) go through nlohmann itself.
#include <algorithm>
#include <array>
#include <charconv>

#include <nlohmann/json.hpp>

#include "lang/api/impl.hpp"
#include "lang/source/source.hpp"

namespace bao {

void append_json_string(std::string& out, std::string_view s, bool* past_ascii) {
  // Per byte: 1 needs an escape, 2 is 0x7F or past ASCII.
  static constexpr auto kClass = [] {
    std::array<uint8_t, 256> t{};
    for (int b = 0; b < 0x20; ++b)
      t[b] = 1;
    t['"'] = t['\\'] = 1;
    for (int b = 0x7F; b < 0x100; ++b)
      t[b] = 2;
    return t;
  }();
  uint8_t seen = 0;
  for (char ch : s)
    seen |= kClass[static_cast<unsigned char>(ch)];
  bool plain = !(seen & 1);
  bool high = seen & 2;
  if (past_ascii) *past_ascii |= high;
  if (plain && (!high || find_invalid_utf8(s) == std::string_view::npos)) {
    out += '"';
    out += s;  // valid UTF-8 is written as it is (nlohmann's ensure_ascii off)
    out += '"';
    return;
  }
  out +=
      nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_decimal(std::string& out, Decimal d, int min_frac) {
  constexpr int64_t kOne = Decimal::kOne;
  Decimal::Raw raw = d.raw();
  if (raw <= -static_cast<Decimal::Raw>(INT64_MAX) || raw > INT64_MAX) {
    out += d.to_string(min_frac);  // past 9.2 million in 64 bits: Decimal's own
    return;
  }
  auto v = static_cast<int64_t>(raw);
  uint64_t mag = v < 0 ? static_cast<uint64_t>(-v) : static_cast<uint64_t>(v);
  if (v < 0) out += '-';
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, mag / kOne).ptr);
  uint64_t frac = mag % kOne;
  if (min_frac == 2 && frac % 10'000'000'000 == 0) {  // whole fen: money's common case
    auto fen = static_cast<unsigned>(frac / 10'000'000'000);
    out += '.';
    out += static_cast<char>('0' + fen / 10);
    out += static_cast<char>('0' + fen % 10);
    return;
  }
  int nfrac = Decimal::kScale;
  min_frac = std::clamp(min_frac, 0, Decimal::kScale);
  while (nfrac > min_frac && frac % 10 == 0) {
    frac /= 10;
    --nfrac;
  }
  if (nfrac == 0) return;
  out += '.';
  size_t start = out.size();
  out.append(static_cast<size_t>(nfrac), '0');
  for (size_t i = out.size(); i > start; --i) {
    out[i - 1] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
}

namespace {

void newline(std::string& out, int indent, int level) {
  out += '\n';
  out.append(static_cast<size_t>(indent) * static_cast<size_t>(level), ' ');
}

}  // namespace

bool json_string_of(const CheckedPolicy& c, TypeRef t, const Value& v, std::string& out) {
  if (v.none) return false;
  const TypeInfo& info = c.types[t];
  switch (info.kind) {
    case TypeKind::decimal:
    case TypeKind::rate:
      out.clear();
      append_decimal(out, v.dec(), 0);
      return true;
    case TypeKind::money:
      out.clear();
      append_decimal(out, v.dec(), 2);
      return true;
    case TypeKind::date:
      out = v.as_date().to_string();
      return true;
    case TypeKind::duration:
      out = duration_to_string(v.dur);
      return true;
    case TypeKind::text:
      out = *v.text;
      return true;
    case TypeKind::enumeration:
      out = c.enums[info.ref].variants[v.variant];
      return true;
    case TypeKind::optional:
      return json_string_of(c, info.ref, v, out);
    default:
      return false;
  }
}

void append_value_json(std::string& out, const CheckedPolicy& c, TypeRef t, const Value& v,
                       const ElementFn& el, int indent, int level, bool* past_ascii) {
  if (v.none) {
    out += "null";
    return;
  }
  const TypeInfo& info = c.types[t];
  switch (info.kind) {
    case TypeKind::boolean:
      out += v.b ? "true" : "false";
      return;
    case TypeKind::integer: {
      char buf[24];
      auto end = std::to_chars(buf, buf + sizeof buf, v.i).ptr;
      out.append(buf, end);
      return;
    }
    case TypeKind::record: {
      const RecordInfo& r = c.records[info.ref];
      if (r.fields.empty()) {
        out += "{}";
        return;
      }
      // nlohmann keeps an object's keys in a std::map: in byte order.
      std::vector<uint32_t> order(r.fields.size());
      for (uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](uint32_t a, uint32_t b) { return r.fields[a].name < r.fields[b].name; });
      out += '{';
      for (size_t k = 0; k < order.size(); ++k) {
        uint32_t i = order[k];
        if (k) out += ',';
        if (indent >= 0) newline(out, indent, level + 1);
        append_json_string(out, r.fields[i].name, past_ascii);
        out += indent >= 0 ? ": " : ":";
        append_value_json(out, c, r.fields[i].type, el(v.agg, i), el, indent, level + 1,
                          past_ascii);
      }
      if (indent >= 0) newline(out, indent, level);
      out += '}';
      return;
    }
    case TypeKind::list: {
      if (v.agg.count == 0) {
        out += "[]";
        return;
      }
      out += '[';
      for (uint32_t i = 0; i < v.agg.count; ++i) {
        if (i) out += ',';
        if (indent >= 0) newline(out, indent, level + 1);
        append_value_json(out, c, info.ref, el(v.agg, i), el, indent, level + 1, past_ascii);
      }
      if (indent >= 0) newline(out, indent, level);
      out += ']';
      return;
    }
    case TypeKind::optional:
      append_value_json(out, c, info.ref, v, el, indent, level, past_ascii);
      return;
    case TypeKind::error:
    case TypeKind::none:
      out += "null";
      return;
    default:
      break;
  }
  std::string s;
  json_string_of(c, t, v, s);
  append_json_string(out, s, past_ascii);
}

}  // namespace bao
