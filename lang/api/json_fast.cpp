// read_json_fast: one pass over a case's JSON, each value read as the type
// its input or field declares and written straight to the input values: a
// record's fields to their places in the heap, a list's items next to each
// other (through one reused stack where they cannot go there at once), so
// nothing is allocated once the buffers have grown. Numbers stay the text
// written (never a double), and each scalar goes through scalar_from_text,
// as in the full reader, so the values are the same.
//
// It gives up (returns false) wherever the full reader would report
// something, and on the rare forms it does not read itself (strings with
// escapes, numbers with an exponent or over 300 integer digits, nesting past
// the full reader's limit): the full reader then reads the text from the
// start. The JSON it takes is exactly what nlohmann takes, bar those.
#include "lang/api/json_fast.hpp"

#include <algorithm>
#include <cstring>

#include "lang/api/json_input.hpp"
#include "lang/source/source.hpp"

namespace bao {

namespace {

constexpr uint32_t kMaxDepth = 64;     // as the full reader: open containers past the root
constexpr size_t kMaxIntDigits = 300;  // a longer integer part may overflow a double there

class Fast {
 public:
  Fast(const CheckedPolicy& c, std::string_view json, InputValues& in, uint32_t max_values,
       JsonScratch& s)
      : c_(c), in_(in), s_(s), p_(json.data()), end_(json.data() + json.size()), max_(max_values) {}

  bool root();
  bool high = false;  // a byte past ASCII was seen (inside a string)

 private:
  // The scanning loops work on locals: a store through a member would be
  // made on every byte (a char may alias anything).
  void ws() {
    const char* q = p_;
    while (q < end_ && (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t'))
      ++q;
    p_ = q;
  }
  bool eat(char ch) {
    ws();
    if (p_ == end_ || *p_ != ch) return false;
    ++p_;
    return true;
  }
  bool literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0)
      return false;
    p_ += word.size();
    return true;
  }
  bool string(std::string_view& out);
  bool number(std::string_view& out);
  bool value(TypeRef t, Value& out);
  bool record(uint32_t rec, Value& out);
  bool list(TypeRef item, Value& out);
  bool flat(uint32_t rec) const;  // no field holds a record or a list
  bool count(size_t n) {
    values_ += n;
    return values_ <= max_;
  }

  const CheckedPolicy& c_;
  InputValues& in_;
  JsonScratch& s_;
  const char* p_;
  const char* end_;
  size_t max_;
  size_t values_ = 0;  // list items and record fields so far, as the full reader counts them
  uint32_t depth_ = 0;
};

// At `"`: a string with no escape and no control character.
bool Fast::string(std::string_view& out) {
  if (p_ == end_ || *p_ != '"') return false;
  const char* begin = p_ + 1;
  unsigned high_bits = 0;
  for (const char* q = begin; q < end_; ++q) {
    auto ch = static_cast<unsigned char>(*q);
    if (ch == '"') {
      out = std::string_view(begin, static_cast<size_t>(q - begin));
      p_ = q + 1;
      high |= high_bits != 0;
      return true;
    }
    if (ch == '\\' || ch < 0x20) return false;
    high_bits |= ch & 0x80u;
  }
  return false;
}

// A JSON number without an exponent, as the text nlohmann hands on: the
// text written, bar "-0", which it reads as the integer 0.
bool Fast::number(std::string_view& out) {
  const char* begin = p_;
  auto digit = [&] { return p_ < end_ && *p_ >= '0' && *p_ <= '9'; };
  if (p_ < end_ && *p_ == '-') ++p_;
  const char* digits = p_;
  if (p_ < end_ && *p_ == '0')
    ++p_;
  else if (digit())
    while (digit())
      ++p_;
  else
    return false;
  if (static_cast<size_t>(p_ - digits) > kMaxIntDigits) return false;
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (!digit()) return false;
    while (digit())
      ++p_;
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) return false;
  out = std::string_view(begin, static_cast<size_t>(p_ - begin));
  if (out == "-0") out = "0";
  return true;
}

bool Fast::value(TypeRef t, Value& out) {
  ws();
  if (p_ == end_) return false;
  if (c_.types.kind(t) == TypeKind::optional) {
    if (*p_ == 'n') {
      out = Value::of_none();
      return literal("null");
    }
    while (c_.types.kind(t) == TypeKind::optional)
      t = c_.types[t].ref;
  }
  TypeKind k = c_.types.kind(t);
  switch (k) {
    case TypeKind::boolean:
      if (*p_ == 't' && literal("true")) {
        out = Value::of_bool(true);
        return true;
      }
      if (*p_ == 'f' && literal("false")) {
        out = Value::of_bool(false);
        return true;
      }
      return false;
    case TypeKind::record:
      return *p_ == '{' && record(c_.types[t].ref, out);
    case TypeKind::list:
      return *p_ == '[' && list(c_.types[t].ref, out);
    default:
      break;
  }
  std::string_view text;
  bool is_string = *p_ == '"';
  if (is_string) {
    if (k == TypeKind::integer || !string(text)) return false;
  } else if (!number(text)) {
    return false;
  }
  return scalar_from_text(c_, t, text, is_string, out, in_).empty();
}

bool Fast::record(uint32_t rec, Value& out) {
  ++p_;  // `{`
  if (++depth_ > kMaxDepth) return false;
  const RecordInfo& r = c_.records[rec];
  size_t n = r.fields.size();
  if (!count(n)) return false;
  size_t base = in_.heap.size();
  size_t seen = s_.given.size();
  in_.heap.resize(base + n);
  s_.given.resize(seen + n, 0);
  ws();
  if (p_ < end_ && *p_ == '}') {
    ++p_;
  } else {
    for (;;) {
      std::string_view key;
      ws();
      if (!string(key) || !eat(':')) return false;
      int f = -1;
      if (n <= 16) {
        for (size_t i = 0; i < n; ++i)
          if (r.fields[i].name == key) {
            f = static_cast<int>(i);
            break;
          }
      } else {
        f = r.find(key);
      }
      if (f < 0 || s_.given[seen + f]) return false;
      s_.given[seen + f] = 1;
      Value v;
      if (!value(r.fields[f].type, v)) return false;
      in_.heap[base + f] = v;  // by index: reading v may have moved the heap
      if (eat(',')) continue;
      if (p_ < end_ && *p_ == '}') {
        ++p_;
        break;
      }
      return false;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (s_.given[seen + i]) continue;
    if (c_.types.kind(r.fields[i].type) != TypeKind::optional) return false;
    in_.heap[base + i] = Value::of_none();
  }
  s_.given.resize(seen);
  out = Value{};
  out.agg = {static_cast<uint32_t>(base), static_cast<uint32_t>(n)};
  --depth_;
  return true;
}

// A list's items must lie side by side in the heap. Scalars are written
// there as they come (reading one stores nothing else); records whose
// fields are all scalars lie there one after another, so their items are
// implied and written once the list closes; any other items wait on the
// items stack. As the full reader does, so memory stays near the input's size.
bool Fast::list(TypeRef item, Value& out) {
  ++p_;  // `[`
  if (++depth_ > kMaxDepth) return false;
  TypeRef u = item;
  while (c_.types.kind(u) == TypeKind::optional)
    u = c_.types[u].ref;
  TypeKind k = c_.types.kind(u);
  enum {
    stacked,
    direct,
    implied
  } mode = k != TypeKind::record && k != TypeKind::list                          ? direct
           : c_.types.kind(item) == TypeKind::record && flat(c_.types[item].ref) ? implied
                                                                                 : stacked;
  size_t stride = mode == implied ? c_.records[c_.types[item].ref].fields.size() : 0;
  size_t first = mode == stacked ? s_.items.size() : in_.heap.size();
  size_t n = 0;
  ws();
  if (p_ < end_ && *p_ == ']') {
    ++p_;
  } else {
    for (;;) {
      Value v;
      if (!count(1) || !value(item, v)) return false;
      if (mode == direct) {
        in_.heap.push_back(v);
      } else if (mode == implied) {
        if (v.agg.offset != first + n * stride) return false;  // cannot happen: flat records
      } else {
        s_.items.push_back(v);
      }
      ++n;
      if (eat(',')) continue;
      if (p_ < end_ && *p_ == ']') {
        ++p_;
        break;
      }
      return false;
    }
  }
  out = Value{};
  if (mode == direct) {
    out.agg = {static_cast<uint32_t>(first), static_cast<uint32_t>(n)};
  } else if (mode == implied) {
    out.agg = {static_cast<uint32_t>(in_.heap.size()), static_cast<uint32_t>(n)};
    for (size_t i = 0; i < n; ++i) {
      Value it;
      it.agg = {static_cast<uint32_t>(first + i * stride), static_cast<uint32_t>(stride)};
      in_.heap.push_back(it);
    }
  } else {
    out.agg = {static_cast<uint32_t>(in_.heap.size()), static_cast<uint32_t>(n)};
    in_.heap.insert(in_.heap.end(), s_.items.begin() + static_cast<ptrdiff_t>(first),
                    s_.items.end());
    s_.items.resize(first);
  }
  --depth_;
  return true;
}

bool Fast::flat(uint32_t rec) const {
  for (const FieldInfo& field : c_.records[rec].fields) {
    TypeRef t = field.type;
    while (c_.types.kind(t) == TypeKind::optional)
      t = c_.types[t].ref;
    if (c_.types.kind(t) == TypeKind::record || c_.types.kind(t) == TypeKind::list) return false;
  }
  return true;
}

bool Fast::root() {
  if (!eat('{')) return false;
  size_t n = c_.host_inputs();
  s_.given.assign(n, 0);
  ws();
  if (p_ < end_ && *p_ == '}') {
    ++p_;
  } else {
    for (;;) {
      std::string_view key;
      ws();
      if (!string(key) || !eat(':')) return false;
      size_t i = 0;
      while (i < n && c_.inputs[i].name != key)
        ++i;
      if (i == n || s_.given[i]) return false;
      s_.given[i] = 1;
      if (!value(c_.inputs[i].type, in_.values[i])) return false;
      in_.present[i] = true;
      if (eat(',')) continue;
      if (p_ < end_ && *p_ == '}') {
        ++p_;
        break;
      }
      return false;
    }
  }
  ws();
  if (p_ != end_) return false;
  for (size_t i = 0; i < n; ++i) {
    if (s_.given[i]) continue;
    if (c_.types.kind(c_.inputs[i].type) != TypeKind::optional) return false;
    in_.values[i] = Value::of_none();
    in_.present[i] = true;
  }
  return true;
}

}  // namespace

bool read_json_fast(const CheckedPolicy& c, std::string_view json, InputValues& out,
                    uint32_t max_values, JsonScratch& scratch) {
  out.values.assign(c.host_inputs(), Value{});
  out.present.assign(c.host_inputs(), false);
  out.heap.clear();
  out.texts.clear();
  out.heap.reserve(std::min<size_t>(max_values, json.size() / 2 + 16));  // as the full reader
  scratch.items.clear();
  scratch.given.clear();
  Fast f(c, json, out, max_values, scratch);
  if (!f.root()) return false;
  // Bytes past ASCII are inside strings; the full reader refuses the input
  // when they are not UTF-8, before it reads anything.
  return !f.high || find_invalid_utf8(json) == std::string_view::npos;
}

}  // namespace bao
