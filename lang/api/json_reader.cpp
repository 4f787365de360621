// read_json_inputs: reads a case's JSON straight into values, one parser
// event at a time, with no tree in between. Each open container is a frame
// that knows the type it is read as; a list's items and a record's fields wait
// in one scratch vector until the container closes, then move to the heap
// (children before their parent, as a tree walk would store them). So memory
// is the input plus the values it holds, and time is linear in the input.
#include "lang/api/json_reader.hpp"

#include "lang/api/json_fast.hpp"

namespace bao {
namespace json_detail {

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

}  // namespace json_detail

std::vector<Diag> read_json_inputs(const CheckedPolicy& c, std::string_view json, InputValues& out,
                                   uint32_t max_values, JsonScratch& scratch) {
  if (read_json_fast(c, json, out, max_values, scratch)) return {};
  return read_json_inputs_full(c, json, out, max_values);
}

std::vector<Diag> read_json_inputs_full(const CheckedPolicy& c, std::string_view json,
                                        InputValues& out, uint32_t max_values) {
  std::vector<Diag> errors;
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
  json_detail::Reader r(c, out, errors, max_values);
  bool parsed = nlohmann::json::sax_parse(json.begin(), json.end(), &r);

  if (!r.fatal.empty()) return fail(r.fatal);
  if (!parsed) return fail("the input is not valid JSON: " + r.syntax);
  if (r.root_kind != json_detail::JKind::object)
    return fail(fmt::format("$: expected an object with one member per input, found {}",
                            json_detail::kind_name(r.root_kind)));
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
