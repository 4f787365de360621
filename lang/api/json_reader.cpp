// read_json_inputs: reads a case's JSON straight into values, one parser
// event at a time, with no tree in between. Each open container is a frame
// that knows the type it is read as; a list's items and a record's fields wait
// in one scratch vector until the container closes, then move to the heap
// (children before their parent, as a tree walk would store them). So memory
// is the input plus the values it holds, and time is linear in the input.
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/api/json_input.hpp"
#include "lang/api/json_keys.hpp"

namespace bao {

namespace {

enum class JKind : uint8_t { null, boolean, number, string, array, object };

std::string_view kind_name(JKind k) {
  static constexpr std::string_view kNames[] = {"null",     "a boolean", "a number",
                                                "a string", "an array",  "an object"};
  return kNames[static_cast<int>(k)];
}

constexpr size_t kMaxErrors = 100;
constexpr size_t kMaxDepth = 64;  // open containers, beyond the outermost

// One open JSON container and what it is read into.
struct Frame {
  enum Role : uint8_t { root, record, list, skip } role = skip;
  bool is_object = false;
  bool ok = true;    // no error in its values so far
  uint32_t rec = 0;  // role record: the record's index
  TypeRef item = 0;  // role list: the items' type
  // role list: where its items wait. A list of scalars writes them straight
  // to the heap (nothing else is stored while it is open); a list of records
  // of scalars stores nothing but their fields, one record after another, so
  // its items are implied (stride fields apart from `first`) until it closes.
  enum Mode : uint8_t { scratch, direct, implied } mode = scratch;
  size_t first = 0;        // role list, direct or implied: its first heap value
  uint32_t stride = 0;     // role list, implied: the records' fields
  size_t begin = 0;        // its first value in the scratch vector
  uint32_t count = 0;      // an array's items so far: the current item's index
  int slot = -1;           // the input or field the current key names; -1: none
  std::string key;         // an object's current key
  KeySet keys;             // an object's keys so far
  std::vector<bool> seen;  // role record: fields given
};

class Reader : public nlohmann::json_sax<nlohmann::json> {
 public:
  Reader(const CheckedPolicy& c, InputValues& in, std::vector<Diagnostic>& errors,
         uint32_t max_values)
      : c_(c), in_(in), errors_(errors), max_values_(max_values) {
    for (size_t i = 0; i < c.host_inputs(); ++i)
      input_index_.emplace(c.inputs[i].name, static_cast<int>(i));
    given_.assign(c.host_inputs(), false);
  }

  std::string fatal;   // why reading stopped: a duplicate key, too many values
  std::string syntax;  // nlohmann's parse error, or the nesting limit
  JKind root_kind = JKind::null;
  std::vector<bool> given_;  // inputs whose key appears

  bool full() const { return errors_.size() >= kMaxErrors; }
  void error(DiagKind kind, const std::string& path, std::string_view message) {
    if (full()) return;
    errors_.push_back({kind, {kNoFile, {}}, fmt::format("{}: {}", path, message), "", "", {}});
  }

  // ---- nlohmann's events ----
  bool null() override { return scalar(JKind::null, {}, false); }
  bool boolean(bool v) override { return scalar(JKind::boolean, {}, v); }
  bool number_integer(number_integer_t v) override {
    return scalar(JKind::number, std::to_string(v), false);
  }
  bool number_unsigned(number_unsigned_t v) override {
    return scalar(JKind::number, std::to_string(v), false);
  }
  bool number_float(number_float_t, const string_t& s) override {
    return scalar(JKind::number, s, false);
  }
  bool string(string_t& s) override { return scalar(JKind::string, s, false); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override;
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& e) override {
    // nlohmann's text after its "[json.exception.parse_error.101] " tag.
    std::string_view what = e.what();
    if (auto tag = what.find("] "); tag != std::string_view::npos) what.remove_prefix(tag + 2);
    syntax = fmt::format("byte {}: {}", pos, what);
    return false;
  }

 private:
  bool scalar(JKind k, std::string_view text, bool b);
  bool open(bool object);
  bool close();
  bool deliver(const Value& v, bool ok);
  std::optional<TypeRef> expected() const;
  std::string mismatch(TypeRef t, JKind k) const;
  bool convert(JKind k, std::string_view text, bool b, TypeRef t, Value& out);
  bool make_room(size_t n);
  bool flat_record(uint32_t rec) const;
  void unimply(Frame& f);
  Aggregate store(size_t begin, size_t n);
  int field_index(uint32_t record, std::string_view name);

  // "$.claims[3].date": the place of the current value of the first `levels` frames.
  std::string path(size_t levels) const {
    std::string p = "$";
    for (size_t i = 0; i < levels; ++i) {
      const Frame& f = frames_[i];
      if (f.is_object)
        p += "." + f.key;
      else
        p += fmt::format("[{}]", f.count);
    }
    return p;
  }

  const CheckedPolicy& c_;
  InputValues& in_;
  std::vector<Diagnostic>& errors_;
  uint32_t max_values_;
  std::vector<Frame> frames_;  // frames_[0 .. depth_) are open; kept for their buffers
  size_t depth_ = 0;
  std::vector<Value> scratch_;
  size_t pending_ = 0;  // items of implied lists, not yet stored anywhere
  std::unordered_map<std::string_view, int> input_index_;
  std::unordered_map<uint32_t, std::unordered_map<std::string_view, int>> field_index_;
};

bool Reader::key(string_t& k) {
  Frame& f = frames_[depth_ - 1];
  if (!f.keys.insert(k)) {
    fatal = fmt::format("{}.{}: the key appears twice", path(depth_ - 1), k);
    return false;
  }
  f.key = k;
  f.slot = -1;
  if (f.role == Frame::root) {
    auto it = input_index_.find(k);
    if (it != input_index_.end()) {
      f.slot = it->second;
      given_[f.slot] = true;
    } else if (!full()) {
      std::vector<std::string> names;
      for (size_t i = 0; i < c_.host_inputs(); ++i)
        names.push_back(c_.inputs[i].name);
      std::string best = closest_name(k, names);
      error(DiagKind::input_unknown, path(depth_),
            fmt::format("the policy has no input `{}`{}", k,
                        best.empty() ? "" : fmt::format(" (did you mean `{}`?)", best)));
    }
  } else if (f.role == Frame::record) {
    f.slot = field_index(f.rec, k);
    if (f.slot >= 0) {
      f.seen[f.slot] = true;
    } else {
      f.ok = false;
      if (!full()) {
        const RecordInfo& r = c_.records[f.rec];
        std::vector<std::string> names;
        for (const FieldInfo& field : r.fields)
          names.push_back(field.name);
        std::string best = closest_name(k, names);
        error(DiagKind::input_unknown, path(depth_),
              fmt::format("`{}` has no field `{}`{}", r.name, k,
                          best.empty() ? "" : fmt::format(" (did you mean `{}`?)", best)));
      }
    }
  }
  return true;
}

int Reader::field_index(uint32_t record, std::string_view name) {
  const RecordInfo& r = c_.records[record];
  if (r.fields.size() <= 16) return r.find(name);
  auto [it, fresh] = field_index_.try_emplace(record);
  if (fresh)
    for (size_t i = 0; i < r.fields.size(); ++i)
      it->second.emplace(r.fields[i].name, static_cast<int>(i));
  auto f = it->second.find(name);
  return f == it->second.end() ? -1 : f->second;
}

// The type the next value is read as; none when it is skipped (an unknown key,
// or inside a container of the wrong kind).
std::optional<TypeRef> Reader::expected() const {
  const Frame& f = frames_[depth_ - 1];
  switch (f.role) {
    case Frame::root:
      if (f.slot >= 0) return c_.inputs[f.slot].type;
      break;
    case Frame::record:
      if (f.slot >= 0) return c_.records[f.rec].fields[f.slot].type;
      break;
    case Frame::list:
      return f.item;
    case Frame::skip:
      break;
  }
  return std::nullopt;
}

// Why a JSON value of kind `k` cannot be a `t` (not optional); empty when it may be.
std::string Reader::mismatch(TypeRef t, JKind k) const {
  const TypeInfo& info = c_.types[t];
  auto wrong = [&](std::string_view expected) {
    return fmt::format("expected {}, found {}", expected, kind_name(k));
  };
  switch (info.kind) {
    case TypeKind::boolean:
      return k == JKind::boolean ? "" : wrong("true or false");
    case TypeKind::record:
      if (k == JKind::object) return "";
      return fmt::format("expected an object for `{}`, found {}", c_.records[info.ref].name,
                         kind_name(k));
    case TypeKind::list:
      return k == JKind::array ? "" : wrong("an array");
    default:
      break;
  }
  if (info.kind == TypeKind::integer && k != JKind::number) return wrong("a whole number");
  if (k == JKind::string || k == JKind::number) return "";
  switch (info.kind) {
    case TypeKind::money:
      return wrong("an amount such as \"1234.50\"");
    case TypeKind::date:
      return wrong("a date such as \"2025-03-01\"");
    case TypeKind::enumeration:
      return wrong("the name of a variant of `" + c_.enums[info.ref].name + "`");
    default:
      return wrong(fmt::format("a `{}`", c_.type_name(t)));
  }
}

bool Reader::convert(JKind k, std::string_view text, bool b, TypeRef t, Value& out) {
  while (c_.types.kind(t) == TypeKind::optional) {
    if (k == JKind::null) {
      out = Value::of_none();
      return true;
    }
    t = c_.types[t].ref;
  }
  if (std::string why = mismatch(t, k); !why.empty()) {
    error(DiagKind::input_type, path(depth_), why);
    return false;
  }
  if (k == JKind::boolean) {
    out = Value::of_bool(b);
    return true;
  }
  std::string msg = scalar_from_text(c_, t, text, k == JKind::string, out, in_);
  if (msg.empty()) return true;
  error(input_error_kind(c_.types.kind(t), msg), path(depth_), msg);
  return false;
}

bool Reader::scalar(JKind k, std::string_view text, bool b) {
  if (depth_ == 0) {
    root_kind = k;
    return true;
  }
  std::optional<TypeRef> t = expected();
  Value v;
  bool ok = !t || convert(k, text, b, *t, v);
  return deliver(v, ok);
}

// Hands a finished value to the container around it.
bool Reader::deliver(const Value& v, bool ok) {
  Frame& f = frames_[depth_ - 1];
  switch (f.role) {
    case Frame::root:
      if (f.slot >= 0) {
        in_.values[f.slot] = v;
        in_.present[f.slot] = ok;
      }
      break;
    case Frame::record:
      if (f.slot >= 0) scratch_[f.begin + f.slot] = v;
      f.ok &= ok;
      break;
    case Frame::list:
      if (!make_room(1)) return false;
      f.ok &= ok;
      if (f.mode == Frame::direct) {
        in_.heap.push_back(v);
      } else if (f.mode == Frame::implied && v.agg.count == f.stride &&
                 v.agg.offset == f.first + size_t{f.count} * f.stride) {
        ++pending_;
      } else {
        if (f.mode == Frame::implied) unimply(f);
        scratch_.push_back(v);
      }
      break;
    case Frame::skip:
      break;
  }
  if (!f.is_object) ++f.count;
  return true;
}

// Every list item and record field counts against the values limit.
bool Reader::make_room(size_t n) {
  if (in_.heap.size() + scratch_.size() + pending_ + n <= max_values_) return true;
  fatal = fmt::format("{}: the input holds more than {} values (list items and record fields)",
                      path(depth_), max_values_);
  return false;
}

bool Reader::open(bool object) {
  if (depth_ > kMaxDepth) {
    syntax = "nested deeper than 64 levels";
    return false;
  }
  Frame::Role role = Frame::skip;
  bool ok = true;
  uint32_t index = 0;
  if (depth_ == 0) {
    root_kind = object ? JKind::object : JKind::array;
    if (object) role = Frame::root;
  } else if (std::optional<TypeRef> t = expected()) {
    TypeRef u = *t;
    while (c_.types.kind(u) == TypeKind::optional)
      u = c_.types[u].ref;
    JKind k = object ? JKind::object : JKind::array;
    if (std::string why = mismatch(u, k); !why.empty()) {
      error(DiagKind::input_type, path(depth_), why);
      ok = false;
    } else {
      role = object ? Frame::record : Frame::list;
      index = c_.types[u].ref;
      if (object && !make_room(c_.records[index].fields.size())) return false;
    }
  }
  if (frames_.size() == depth_) frames_.emplace_back();
  Frame& f = frames_[depth_++];
  f.role = role;
  f.is_object = object;
  f.ok = ok;
  f.count = 0;
  f.slot = -1;
  f.key.clear();
  f.keys.clear();
  f.begin = scratch_.size();
  if (role == Frame::record) {
    f.rec = index;
    size_t n = c_.records[index].fields.size();
    scratch_.resize(scratch_.size() + n);
    f.seen.assign(n, false);
  } else if (role == Frame::list) {
    f.item = index;
    f.first = in_.heap.size();
    TypeRef u = index;
    while (c_.types.kind(u) == TypeKind::optional)
      u = c_.types[u].ref;
    TypeKind k = c_.types.kind(u);
    f.mode = k != TypeKind::record && k != TypeKind::list ? Frame::direct
             : c_.types.kind(index) == TypeKind::record && flat_record(c_.types[index].ref)
                 ? Frame::implied
                 : Frame::scratch;
    f.stride = f.mode == Frame::implied
                   ? static_cast<uint32_t>(c_.records[c_.types[index].ref].fields.size())
                   : 0;
  }
  return true;
}

bool Reader::close() {
  Frame& f = frames_[depth_ - 1];
  Value v;
  if (f.role == Frame::record) {
    const RecordInfo& r = c_.records[f.rec];
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (f.seen[i]) continue;
      if (c_.types.kind(r.fields[i].type) == TypeKind::optional) {
        scratch_[f.begin + i] = Value::of_none();
      } else {
        f.ok = false;
        if (!full())
          error(DiagKind::input_missing, path(depth_ - 1) + "." + r.fields[i].name,
                fmt::format("missing field of type `{}`", c_.type_name(r.fields[i].type)));
      }
    }
    v.agg = store(f.begin, r.fields.size());
  } else if (f.role == Frame::list && f.mode == Frame::direct) {
    v.agg = {static_cast<uint32_t>(f.first), f.count};
  } else if (f.role == Frame::list && f.mode == Frame::implied) {
    v.agg = {static_cast<uint32_t>(in_.heap.size()), f.count};
    for (uint32_t i = 0; i < f.count; ++i) {
      Value item;
      item.agg = {static_cast<uint32_t>(f.first + size_t{i} * f.stride), f.stride};
      in_.heap.push_back(item);
    }
    pending_ -= f.count;
  } else if (f.role == Frame::list) {
    v.agg = store(f.begin, f.count);
  }
  bool ok = f.ok;
  --depth_;
  return depth_ == 0 || deliver(v, ok);
}

bool Reader::flat_record(uint32_t rec) const {
  for (const FieldInfo& field : c_.records[rec].fields) {
    TypeRef t = field.type;
    while (c_.types.kind(t) == TypeKind::optional)
      t = c_.types[t].ref;
    if (c_.types.kind(t) == TypeKind::record || c_.types.kind(t) == TypeKind::list) return false;
  }
  return true;
}

// Writes an implied list's items so far to the scratch vector, where the
// rest will follow: an item was not a record stored in its place.
void Reader::unimply(Frame& f) {
  for (uint32_t i = 0; i < f.count; ++i) {
    Value item;
    item.agg = {static_cast<uint32_t>(f.first + size_t{i} * f.stride), f.stride};
    scratch_.push_back(item);
  }
  pending_ -= f.count;
  f.mode = Frame::scratch;
}

Aggregate Reader::store(size_t begin, size_t n) {
  auto offset = static_cast<uint32_t>(in_.heap.size());
  in_.heap.insert(in_.heap.end(), scratch_.begin() + begin, scratch_.begin() + begin + n);
  scratch_.resize(begin);
  return {offset, static_cast<uint32_t>(n)};
}

}  // namespace

std::vector<Diagnostic> read_json_inputs(const CheckedPolicy& c, std::string_view json,
                                         InputValues& out, uint32_t max_values) {
  std::vector<Diagnostic> errors;
  out.values.assign(c.host_inputs(), Value{});
  out.present.assign(c.host_inputs(), false);
  out.heap.clear();
  out.texts.clear();
  // Capacity no larger than the input could fill (a value takes two bytes or
  // more, bar absent fields), so the heap rarely moves while it grows;
  // untouched capacity costs no memory.
  out.heap.reserve(std::min<size_t>(max_values, json.size() / 2 + 16));
  auto fail = [&](std::string msg) {
    errors.clear();
    errors.push_back({DiagKind::input_json, {kNoFile, {}}, std::move(msg), "", "", {}});
    return errors;
  };
  if (size_t bad = find_invalid_utf8(json); bad != std::string_view::npos)
    return fail(fmt::format("the input is not valid UTF-8 (byte {})", bad));
  Reader r(c, out, errors, max_values);
  bool parsed = nlohmann::json::sax_parse(json.begin(), json.end(), &r);

  if (!r.fatal.empty()) return fail(r.fatal);
  if (!parsed) return fail("the input is not valid JSON: " + r.syntax);
  if (r.root_kind != JKind::object)
    return fail(fmt::format("$: expected an object with one member per input, found {}",
                            kind_name(r.root_kind)));
  for (size_t i = 0; i < c.host_inputs(); ++i) {
    if (r.given_[i]) continue;
    if (c.types.kind(c.inputs[i].type) == TypeKind::optional) {
      out.values[i] = Value::of_none();
      out.present[i] = true;
    } else {
      r.error(DiagKind::input_missing, "$." + c.inputs[i].name,
              fmt::format("missing input of type `{}`", c.type_name(c.inputs[i].type)));
    }
  }
  return errors;
}

}  // namespace bao
