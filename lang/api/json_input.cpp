#include "lang/api/json_input.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace bao {

namespace {

// A JSON tree whose numbers keep their text.
struct JNode {
  enum Kind : uint8_t { null, boolean, number, string, array, object } kind = null;
  bool b = false;
  std::string text;
  std::vector<std::string> keys;  // of an object, parallel to its items
  std::vector<JNode> items;       // of an array or an object
};

std::string_view kind_name(JNode::Kind k) {
  static constexpr std::string_view kNames[] = {"null",     "a boolean", "a number",
                                                "a string", "an array",  "an object"};
  return kNames[k];
}

class Builder : public nlohmann::json_sax<nlohmann::json> {
 public:
  JNode root;
  std::string error;
  std::string duplicate;
  bool null() override { return put({}); }
  bool boolean(bool v) override {
    JNode n;
    n.kind = JNode::boolean;
    n.b = v;
    return put(std::move(n));
  }
  bool number_integer(number_integer_t v) override { return number(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& s) override { return number(s); }
  bool string(string_t& s) override {
    JNode n;
    n.kind = JNode::string;
    n.text = s;
    return put(std::move(n));
  }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(JNode::object); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(JNode::array); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    JNode& o = *stack_.back();
    for (const std::string& name : o.keys) {
      if (name == k) {
        duplicate = path() + "." + k;
        return false;
      }
    }
    key_ = k;
    return true;
  }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& e) override {
    // nlohmann's text after its "[json.exception.parse_error.101] " tag.
    std::string_view what = e.what();
    if (auto tag = what.find("] "); tag != std::string_view::npos) what.remove_prefix(tag + 2);
    error = fmt::format("byte {}: {}", pos, what);
    return false;
  }

 private:
  bool number(const std::string& s) {
    JNode n;
    n.kind = JNode::number;
    n.text = s;
    return put(std::move(n));
  }
  bool put(JNode n) {
    if (stack_.empty()) {
      root = std::move(n);
      return true;
    }
    JNode& top = *stack_.back();
    if (top.kind == JNode::object) top.keys.push_back(key_);
    top.items.push_back(std::move(n));
    return true;
  }
  bool open(JNode::Kind kind) {
    if (stack_.size() > 64) {
      error = "nested deeper than 64 levels";
      return false;
    }
    JNode n;
    n.kind = kind;
    if (stack_.empty()) {
      root = std::move(n);
      stack_.push_back(&root);
    } else {
      put(std::move(n));
      JNode& top = *stack_.back();
      stack_.push_back(&top.items.back());
    }
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  // "$.person" for the object being read: each open container's place in its parent.
  std::string path() const {
    std::string p = "$";
    for (size_t i = 1; i < stack_.size(); ++i) {
      const JNode& parent = *stack_[i - 1];
      size_t index = parent.items.size() - 1;
      p += parent.kind == JNode::object ? "." + parent.keys[index] : fmt::format("[{}]", index);
    }
    return p;
  }
  std::vector<JNode*> stack_;
  std::string key_;
};

class Reader {
 public:
  Reader(const CheckedPolicy& c, InputValues& in, std::vector<Diagnostic>& errors)
      : c_(c), in_(in), errors_(errors) {}

  void error(DiagKind kind, const std::string& path, std::string message) {
    if (errors_.size() >= 100) return;
    errors_.push_back({kind, {kNoFile, {}}, fmt::format("{}: {}", path, message), "", "", {}});
  }

  bool value(const JNode& j, TypeRef t, const std::string& path, Value& out) {
    const TypeInfo& info = c_.types[t];
    if (info.kind == TypeKind::optional) {
      if (j.kind == JNode::null) {
        out = Value::of_none();
        return true;
      }
      return value(j, info.ref, path, out);
    }
    auto wrong = [&](std::string_view expected) {
      error(DiagKind::input_type, path,
            fmt::format("expected {}, found {}", expected, kind_name(j.kind)));
      return false;
    };
    switch (info.kind) {
      case TypeKind::boolean:
        if (j.kind != JNode::boolean) return wrong("true or false");
        out = Value::of_bool(j.b);
        return true;
      case TypeKind::record:
        return record(j, info.ref, path, out);
      case TypeKind::list: {
        if (j.kind != JNode::array) return wrong("an array");
        std::vector<Value> items(j.items.size());
        bool ok = true;
        for (size_t i = 0; i < j.items.size(); ++i)
          ok &= value(j.items[i], info.ref, fmt::format("{}[{}]", path, i), items[i]);
        out.agg = store(items);
        return ok;
      }
      default:
        break;
    }
    if (info.kind == TypeKind::integer && j.kind != JNode::number) return wrong("a whole number");
    if (j.kind != JNode::string && j.kind != JNode::number) {
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
    std::string msg = scalar_from_text(c_, t, j.text, j.kind == JNode::string, out, in_);
    if (msg.empty()) return true;
    DiagKind kind = info.kind == TypeKind::money && msg.find("decimals") != std::string::npos
                        ? DiagKind::input_precision
                    : info.kind == TypeKind::money && msg.find("negative") != std::string::npos
                        ? DiagKind::input_range
                    : info.kind == TypeKind::enumeration     ? DiagKind::input_variant
                    : info.kind == TypeKind::date            ? DiagKind::input_date
                    : msg.find("range") != std::string::npos ? DiagKind::input_range
                                                             : DiagKind::input_type;
    error(kind, path, msg);
    return false;
  }

  bool record(const JNode& j, uint32_t index, const std::string& path, Value& out) {
    const RecordInfo& r = c_.records[index];
    if (j.kind != JNode::object) {
      error(DiagKind::input_type, path,
            fmt::format("expected an object for `{}`, found {}", r.name, kind_name(j.kind)));
      return false;
    }
    std::vector<Value> fields(r.fields.size());
    std::vector<bool> seen(r.fields.size(), false);
    bool ok = true;
    for (size_t k = 0; k < j.keys.size(); ++k) {
      const std::string& name = j.keys[k];
      const JNode& member = j.items[k];
      int i = r.find(name);
      if (i < 0) {
        std::vector<std::string> names;
        for (const FieldInfo& f : r.fields)
          names.push_back(f.name);
        std::string best = closest_name(name, names);
        error(DiagKind::input_unknown, path + "." + name,
              fmt::format("`{}` has no field `{}`{}", r.name, name,
                          best.empty() ? "" : fmt::format(" (did you mean `{}`?)", best)));
        ok = false;
        continue;
      }
      seen[i] = true;
      ok &= value(member, r.fields[i].type, path + "." + name, fields[i]);
    }
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (seen[i]) continue;
      if (c_.types.kind(r.fields[i].type) == TypeKind::optional) {
        fields[i] = Value::of_none();
      } else {
        error(DiagKind::input_missing, path + "." + r.fields[i].name,
              fmt::format("missing field of type `{}`", c_.type_name(r.fields[i].type)));
        ok = false;
      }
    }
    out.agg = store(fields);
    return ok;
  }

 private:
  Aggregate store(const std::vector<Value>& items) {
    auto offset = static_cast<uint32_t>(in_.heap.size());
    in_.heap.insert(in_.heap.end(), items.begin(), items.end());
    return {offset, static_cast<uint32_t>(items.size())};
  }
  const CheckedPolicy& c_;
  InputValues& in_;
  std::vector<Diagnostic>& errors_;
};

}  // namespace

std::string scalar_from_text(const CheckedPolicy& c, TypeRef t, std::string_view text,
                             bool is_string, Value& out, InputValues& in) {
  const TypeInfo& info = c.types[t];
  switch (info.kind) {
    case TypeKind::money: {
      int64_t fen = 0;
      switch (parse_fen(text, fen)) {
        case MoneyParse::ok:
          break;
        case MoneyParse::too_many_decimals:
          return fmt::format("`{}` has more than two decimals: amounts are whole fen", text);
        case MoneyParse::overflow:
          return fmt::format("`{}` is out of range", text);
        case MoneyParse::malformed:
          return fmt::format(
              "`{}` is not an amount: write digits with at most two decimals, "
              "such as \"1234.50\"",
              text);
      }
      if (fen < 0) return fmt::format("`{}` is negative: amounts on a claim are not", text);
      out = Value::of_dec(Decimal::from_fen(fen));
      return {};
    }
    case TypeKind::integer: {
      int digits = 0;
      auto d = Decimal::parse(text, &digits);
      if (!d || digits > 0) return fmt::format("`{}` is not a whole number", text);
      if (!detail::fits_i64(d->raw() / detail::kOne))
        return fmt::format("`{}` is out of range", text);
      out = Value::of_int(static_cast<int64_t>(d->raw() / detail::kOne));
      return {};
    }
    case TypeKind::decimal:
    case TypeKind::rate: {
      bool pct = info.kind == TypeKind::rate && !text.empty() && text.back() == '%';
      std::string_view digits = pct ? text.substr(0, text.size() - 1) : text;
      auto d = Decimal::parse(digits);
      if (!d)
        return fmt::format("`{}` is not an exact decimal{}", text,
                           info.kind == TypeKind::rate ? " such as \"0.7\" or \"70%\"" : "");
      out = Value::of_dec(pct ? Decimal::from_raw(d->raw() / 100) : *d);
      return {};
    }
    case TypeKind::date: {
      if (!is_string) return "expected a date string such as \"2025-03-01\"";
      auto d = Date::parse(text);
      if (!d) return fmt::format("`{}` is not a date in the calendar (YYYY-MM-DD)", text);
      out = Value::of_date(*d);
      return {};
    }
    case TypeKind::enumeration: {
      const EnumInfo& en = c.enums[info.ref];
      if (int v = en.find(std::string(text)); v >= 0) {
        out = Value::of_variant(static_cast<uint32_t>(v));
        return {};
      }
      std::string best = closest_name(text, en.variants);
      return fmt::format("`{}` is not a variant of `{}`{}; variants: {}", text, en.name,
                         best.empty() ? "" : fmt::format(" (did you mean `{}`?)", best),
                         fmt::join(en.variants, ", "));
    }
    case TypeKind::text: {
      if (!is_string) return "expected a string";
      in.texts.push_back(std::make_unique<std::string>(text));
      out = Value{};
      out.text = in.texts.back().get();
      return {};
    }
    case TypeKind::duration: {
      int32_t n = 0;
      auto sp = text.find(' ');
      std::string_view num = text.substr(0, sp), unit = sp == text.npos ? "" : text.substr(sp + 1);
      auto d = Decimal::parse(num);
      if (!d || !d->is_integer() || d->is_negative() || num.size() > 6)
        return fmt::format("`{}` is not a duration such as \"90 days\"", text);
      n = static_cast<int32_t>(d->raw() / detail::kOne);
      if (unit == "day" || unit == "days")
        out = Value::of_duration({0, n});
      else if (unit == "month" || unit == "months")
        out = Value::of_duration({n, 0});
      else if (unit == "year" || unit == "years")
        out = Value::of_duration({n * 12, 0});
      else
        return fmt::format("`{}` is not a duration such as \"90 days\"", text);
      return {};
    }
    default:
      return fmt::format("a `{}` cannot be given as text", c.type_name(t));
  }
}

std::vector<Diagnostic> read_json_inputs(const CheckedPolicy& c, std::string_view json,
                                         InputValues& out) {
  std::vector<Diagnostic> errors;
  out.values.assign(c.host_inputs(), Value{});
  out.present.assign(c.host_inputs(), false);
  out.heap.clear();
  out.texts.clear();
  auto fail = [&](std::string msg) {
    errors.push_back({DiagKind::input_json, {kNoFile, {}}, std::move(msg), "", "", {}});
    return errors;
  };
  if (size_t bad = find_invalid_utf8(json); bad != std::string_view::npos)
    return fail(fmt::format("the input is not valid UTF-8 (byte {})", bad));
  Builder b;
  bool parsed = nlohmann::json::sax_parse(json.begin(), json.end(), &b);

  if (!b.duplicate.empty()) return fail(fmt::format("{}: the key appears twice", b.duplicate));
  if (!parsed) return fail("the input is not valid JSON: " + b.error);
  if (b.root.kind != JNode::object)
    return fail(fmt::format("$: expected an object with one member per input, found {}",
                            kind_name(b.root.kind)));
  Reader reader(c, out, errors);
  for (size_t k = 0; k < b.root.keys.size(); ++k) {
    const std::string& name = b.root.keys[k];
    const JNode& member = b.root.items[k];
    auto it = std::find_if(c.inputs.begin(), c.inputs.begin() + c.host_inputs(),
                           [&](const InputInfo& in) { return in.name == name; });
    if (it == c.inputs.begin() + c.host_inputs()) {
      std::vector<std::string> names;
      for (size_t k = 0; k < c.host_inputs(); ++k)
        names.push_back(c.inputs[k].name);
      std::string best = closest_name(name, names);
      reader.error(DiagKind::input_unknown, "$." + name,
                   fmt::format("the policy has no input `{}`{}", name,
                               best.empty() ? "" : fmt::format(" (did you mean `{}`?)", best)));
      continue;
    }
    size_t i = it - c.inputs.begin();
    out.present[i] = reader.value(member, it->type, "$." + name, out.values[i]);
  }
  for (size_t i = 0; i < c.host_inputs(); ++i) {
    bool given =
        std::find(b.root.keys.begin(), b.root.keys.end(), c.inputs[i].name) != b.root.keys.end();
    if (given) continue;
    if (c.types.kind(c.inputs[i].type) == TypeKind::optional) {
      out.values[i] = Value::of_none();
      out.present[i] = true;
    } else {
      reader.error(DiagKind::input_missing, "$." + c.inputs[i].name,
                   fmt::format("missing input of type `{}`", c.type_name(c.inputs[i].type)));
    }
  }
  return errors;
}

}  // namespace bao
