// The C ABI's inputs: typed setters by path and by handle, set_json, errors.
// Text arguments (money, decimals, dates) are parsed here, exactly, before
// the C++ setter sees them; binary floating point is never used.
#include <string>
#include <string_view>

#include "bindings/c/bao_c_impl.hpp"

using namespace bao_c;

namespace {

// Records a setter's Status on the inputs and answers with its bao_status.
bao_status record(bao_inputs* in, bao::Status st) {
  if (st.ok()) {
    in->error.reset();
    return BAO_OK;
  }
  bao::Diagnostic d;
  d.code = std::move(st.code);
  d.path = std::move(st.path);
  d.message = std::move(st.message);
  in->error = std::move(d);
  in->error_c = bao_diagnostic{};
  fill(in->error_c, *in->error);
  return from_code(in->error->code);
}

// The path a handle stands for, for the errors this layer finds itself.
std::string path_of(const Meta& m, const bao_input_handle& h) {
  if (!h.policy_ || h.input_ >= m.paths.size()) return "";
  const auto& p = m.paths[h.input_];
  size_t f = static_cast<size_t>(h.field_ + 1);
  return f < p.size() ? p[f] : "";
}

// A value this layer parses from text before the C++ setter sees it: either
// the value or the refusal (code and message).
// "`s` rest", built by appending (GCC 12 warns falsely on "`" + std::string).
std::string quoted(std::string_view s, std::string_view rest) {
  std::string m = "`";
  m.append(s).append("` ").append(rest);
  return m;
}

template <class T>
struct Parsed {
  std::optional<T> value;
  const char* code = "E0802";
  std::string message;
};

Parsed<bao::Decimal> parse_decimal(std::string_view s, bool money) {
  Parsed<bao::Decimal> p;
  bool percent = !money && !s.empty() && s.back() == '%';
  std::string_view body = percent ? s.substr(0, s.size() - 1) : s;
  int frac = 0;
  if (auto d = bao::Decimal::parse(body, &frac)) {
    if (!percent) {
      p.value = d;
    } else if (frac <= bao::Decimal::kScale - 2) {
      p.value = bao::Decimal::from_raw(d->raw() / 100);  // exact: two digits to spare
    } else {
      p.code = "E0803";
      p.message = quoted(s, "has more decimals than a rate holds");
    }
    return p;
  }
  if (bao::Decimal::out_of_range(body)) {
    p.code = "E0808";
    p.message = quoted(s, "is too large");
  } else {
    p.message = quoted(s, money ? "is not an amount of yuan such as \"1234.50\""
                                : "is not an exact decimal such as \"0.7\" or \"70%\"");
  }
  return p;
}

Parsed<bao::Date> parse_date(std::string_view s) {
  Parsed<bao::Date> p;
  p.value = bao::Date::parse(s);
  p.code = "E0805";
  if (!p.value) p.message = quoted(s, "is not a date (YYYY-MM-DD)");
  return p;
}

Parsed<bao::Date> ymd_date(int y, int m, int d) {
  Parsed<bao::Date> p;
  p.value = bao::Date::from_ymd(y, m, d);
  p.code = "E0805";
  if (!p.value)
    p.message = std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d) +
                " is not a date between 0001-01-01 and 9999-12-31";
  return p;
}

// The setters: a target is a path or a handle; `set` calls the C++ setter.
struct Target {
  std::string_view path;
  const bao_input_handle* handle = nullptr;
};

// A policy with errors takes no inputs: E0850, whatever the C++ layer would
// answer for a policy that parsed but failed its checks.
bao_status not_loaded(bao_inputs* in, std::string path) {
  return record(in, bao::Status{"E0850", std::move(path),
                                "the policy has errors and takes no inputs: see its diagnostics"});
}

bao_status check(bao_inputs* in, const char* path, size_t len, Target& t) {
  if (!in) return BAO_ERR_NULL;
  if (!view(path, len, t.path)) return BAO_ERR_NULL;
  if (!in->meta->policy.ok()) return guard([&] { return not_loaded(in, std::string(t.path)); });
  return BAO_OK;
}

bao_status check(bao_inputs* in, const bao_input_handle* h, Target& t) {
  if (!in || !h) return BAO_ERR_NULL;
  t.handle = h;
  if (!in->meta->policy.ok()) return guard([&] { return not_loaded(in, ""); });
  return BAO_OK;
}

template <class V>
bao_status apply(bao_inputs* in, const Target& t, const V& value) {
  auto call = [&](const auto& where) -> bao::Status {
    if constexpr (std::is_same_v<V, int64_t>)
      return in->in.set_int(where, value);
    else if constexpr (std::is_same_v<V, bool>)
      return in->in.set_bool(where, value);
    else if constexpr (std::is_same_v<V, bao::Date>)
      return in->in.set_date(where, value);
    else
      return value(in->in, where);
  };
  if (t.handle) return record(in, call(to_cpp(*t.handle)));
  return record(in, call(t.path));
}

template <class T>
bao_status refuse(bao_inputs* in, const Target& t, const Parsed<T>& p) {
  std::string path = t.handle ? path_of(*in->meta, *t.handle) : std::string(t.path);
  return record(in, bao::Status{p.code, std::move(path), p.message});
}

}  // namespace

extern "C" {

// ---- inputs ----

bao_status bao_inputs_new(const bao_policy* p, bao_inputs** out) {
  if (!out) return BAO_ERR_NULL;
  *out = nullptr;
  if (!p) return BAO_ERR_NULL;
  return guard([&] {
    *out = new bao_inputs(p->meta);
    return BAO_OK;
  });
}

void bao_inputs_free(bao_inputs* in) {
  delete in;
}

// Each setter by path (P) and by handle (H) checks its arguments, then calls
// the C++ setter through set_with.
#define BAO_PATH_ARGS bao_inputs *in, const char *path, size_t len
#define BAO_HANDLE_ARGS bao_inputs *in, const bao_input_handle *h
#define BAO_PATH_CHECK check(in, path, len, t)
#define BAO_HANDLE_CHECK check(in, h, t)

#define BAO_SETTERS(NAME, PARAMS, BODY)                         \
  bao_status bao_inputs_##NAME(BAO_PATH_ARGS, PARAMS) {         \
    Target t;                                                   \
    if (bao_status c = BAO_PATH_CHECK; c != BAO_OK) return c;   \
    return guard([&]() -> bao_status BODY);                     \
  }                                                             \
  bao_status bao_inputs_h_##NAME(BAO_HANDLE_ARGS, PARAMS) {     \
    Target t;                                                   \
    if (bao_status c = BAO_HANDLE_CHECK; c != BAO_OK) return c; \
    return guard([&]() -> bao_status BODY);                     \
  }

#define BAO_COMMA ,

BAO_SETTERS(set_money_fen, int64_t fen, {
  return apply(in, t, [&](bao::Inputs& x, const auto& w) { return x.set_money(w, fen); });
})

BAO_SETTERS(set_money, const char* yuan BAO_COMMA size_t yuan_len, {
  std::string_view s;
  if (!view(yuan, yuan_len, s)) return BAO_ERR_NULL;
  Parsed<bao::Decimal> d = parse_decimal(s, true);
  if (!d.value) return refuse(in, t, d);
  return apply(in, t, [&](bao::Inputs& x, const auto& w) { return x.set_money(w, *d.value); });
})

BAO_SETTERS(set_int, int64_t value, { return apply(in, t, value); })

BAO_SETTERS(set_decimal, const char* value BAO_COMMA size_t value_len, {
  std::string_view s;
  if (!view(value, value_len, s)) return BAO_ERR_NULL;
  Parsed<bao::Decimal> d = parse_decimal(s, false);
  if (!d.value) return refuse(in, t, d);
  return apply(in, t, [&](bao::Inputs& x, const auto& w) { return x.set_decimal(w, *d.value); });
})

BAO_SETTERS(set_bool, int value, { return apply(in, t, value != 0); })

BAO_SETTERS(set_date, const char* date BAO_COMMA size_t date_len, {
  std::string_view s;
  if (!view(date, date_len, s)) return BAO_ERR_NULL;
  Parsed<bao::Date> d = parse_date(s);
  if (!d.value) return refuse(in, t, d);
  return apply(in, t, *d.value);
})

BAO_SETTERS(set_date_ymd, int year BAO_COMMA int month BAO_COMMA int day, {
  Parsed<bao::Date> d = ymd_date(year, month, day);
  if (!d.value) return refuse(in, t, d);
  return apply(in, t, *d.value);
})

BAO_SETTERS(set_enum, const char* variant BAO_COMMA size_t variant_len, {
  std::string_view s;
  if (!view(variant, variant_len, s)) return BAO_ERR_NULL;
  return apply(in, t, [&](bao::Inputs& x, const auto& w) { return x.set_enum(w, s); });
})

BAO_SETTERS(set_text, const char* text BAO_COMMA size_t text_len, {
  std::string_view s;
  if (!view(text, text_len, s)) return BAO_ERR_NULL;
  return apply(in, t, [&](bao::Inputs& x, const auto& w) { return x.set_text(w, s); });
})

bao_status bao_inputs_set_json(bao_inputs* in, const char* json, size_t len) {
  std::string_view s;
  if (!in || !view(json, len, s)) return BAO_ERR_NULL;
  return guard([&] {
    if (!in->meta->policy.ok()) return not_loaded(in, "");
    std::vector<bao::Diagnostic> errors = in->in.set_json(s);
    if (errors.empty()) {
      in->error.reset();
      return BAO_OK;
    }
    in->error = std::move(errors.front());
    in->error_c = bao_diagnostic{};
    fill(in->error_c, *in->error);
    bao_status st = from_code(in->error->code);
    return st == BAO_OK ? BAO_ERR_INPUT : st;
  });
}

bao_status bao_inputs_error(const bao_inputs* in, bao_diagnostic* out) {
  if (!in || !out) return BAO_ERR_NULL;
  if (!in->error) return BAO_ERR_NOT_FOUND;
  *out = in->error_c;
  return BAO_OK;
}

}  // extern "C"
