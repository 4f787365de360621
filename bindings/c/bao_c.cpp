// The C ABI (bao.h) over the C++ API (lang/api/bao.hpp) and nothing else.
// Every entry point catches everything: no exception crosses into C.
#include "bindings/c/bao.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/api/bao.hpp"

namespace {

// What a policy's handles, inputs and sessions share: the policy and the
// strings its accessors return, made once at load.
struct Meta {
  bao::Policy policy;
  std::vector<std::string> input_names, output_names;
  std::string name, fingerprint;
  std::vector<bao_diagnostic> diags;  // pointing into policy.diagnostics()
  // The path of input k's field f is paths[k][f + 1]; of input k, paths[k][0].
  std::vector<std::vector<std::string>> paths;
  std::array<std::once_flag, 3> rendered_once;
  std::array<std::string, 3> rendered;
};

bao_str str(const std::string& s) {
  return bao_str{s.c_str(), s.size()};
}

// A caller's (pointer, length): NULL is allowed only with length 0.
bool view(const char* s, size_t len, std::string_view& out) {
  if (!s && len) return false;
  out = s ? std::string_view(s, len) : std::string_view();
  return true;
}

bao_status from_code(const std::string& code) {
  if (code.empty()) return BAO_OK;
  if (code == "E0850") return BAO_ERR_MISUSE;
  if (code.rfind("E08", 0) == 0) return BAO_ERR_INPUT;
  if (code.rfind("E09", 0) == 0) return BAO_ERR_EVAL;
  return BAO_ERR_LOAD;
}

void fill(bao_diagnostic& out, const bao::Diagnostic& d) {
  out.code = str(d.code);
  out.name = str(d.name);
  out.message = str(d.message);
  out.help = str(d.help);
  out.file = str(d.file);
  out.path = str(d.path);
  out.severity = d.severity == bao::Severity::warning ? BAO_SEVERITY_WARNING : BAO_SEVERITY_ERROR;
  bool placed = d.has_place();
  out.line = placed ? d.start.line : 0;
  out.column = placed ? d.start.column : 0;
  out.end_line = placed ? d.end.line : 0;
  out.end_column = placed ? d.end.column : 0;
}

template <class F>
bao_status guard(F&& f) noexcept {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return BAO_ERR_NOMEM;
  } catch (...) {
    return BAO_ERR_INTERNAL;
  }
}

std::shared_ptr<Meta> make_meta(bao::Policy p) {
  auto m = std::make_shared<Meta>();
  m->policy = std::move(p);
  const bao::Policy& policy = m->policy;
  m->input_names = policy.input_names();
  m->output_names = policy.output_names();
  m->name = policy.name();
  m->fingerprint = policy.identity().fingerprint;
  for (const bao::Diagnostic& d : policy.diagnostics()) {
    bao_diagnostic c{};
    fill(c, d);
    m->diags.push_back(c);
  }
  for (const bao::Schema& s : policy.inputs()) {
    std::vector<std::string> p{s.name};
    if (s.kind == bao::Kind::record)
      for (const bao::Schema& f : s.fields)
        p.push_back(s.name + "." + f.name);
    m->paths.push_back(std::move(p));
  }
  return m;
}

std::optional<bao::RunOptions> run_options(const bao_options* o) {
  bao::RunOptions r;
  if (!o) return r;
  r.explain = o->explain != 0;
  if (o->as_of_year != 0) {
    r.as_of = bao::Date::from_ymd(o->as_of_year, o->as_of_month, o->as_of_day);
    if (!r.as_of) return std::nullopt;
  }
  return r;
}

bao::InputHandle to_cpp(const bao_input_handle& h) {
  return bao::InputHandle{h.policy_, h.input_, h.field_, static_cast<bao::Kind>(h.kind_)};
}

bao::OutputHandle to_cpp(const bao_output_handle& h) {
  return bao::OutputHandle{h.policy_, h.index_, static_cast<bao::Kind>(h.kind_)};
}

std::optional<bao::Format> format_of(int f) {
  switch (f) {
    case BAO_FORMAT_TEXT:
      return bao::Format::text;
    case BAO_FORMAT_JSON:
      return bao::Format::json;
    case BAO_FORMAT_SARIF:
      return bao::Format::sarif;
    default:
      return std::nullopt;
  }
}

}  // namespace

struct bao_policy {
  std::shared_ptr<Meta> meta;
};

struct bao_inputs {
  std::shared_ptr<Meta> meta;
  bao::Inputs in;
  std::optional<bao::Diagnostic> error;  // of the last setter call
  bao_diagnostic error_c{};
  explicit bao_inputs(std::shared_ptr<Meta> m) : meta(std::move(m)), in(meta->policy) {}
};

struct bao_session {
  std::shared_ptr<Meta> meta;
  bao::Session s;
  explicit bao_session(std::shared_ptr<Meta> m) : meta(std::move(m)), s(meta->policy) {}
};

struct bao_result {
  bao::Result r;
  std::optional<std::string> json;
  std::array<std::optional<std::string>, 3> rendered;
  bao_diagnostic error_c{};
  explicit bao_result(bao::Result x) : r(std::move(x)) {
    if (r.error()) fill(error_c, *r.error());
  }
};

namespace {

bao_status result_status(const bao::Result& r) {
  return r.ok() ? BAO_OK : from_code(r.error()->code);
}

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

// ---- version, status, options, handles ----

extern "C" {

const char* bao_status_name(int status) {
  switch (status) {
    case BAO_OK:
      return "BAO_OK";
    case BAO_ERR_LOAD:
      return "BAO_ERR_LOAD";
    case BAO_ERR_INPUT:
      return "BAO_ERR_INPUT";
    case BAO_ERR_EVAL:
      return "BAO_ERR_EVAL";
    case BAO_ERR_NOT_FOUND:
      return "BAO_ERR_NOT_FOUND";
    case BAO_ERR_NULL:
      return "BAO_ERR_NULL";
    case BAO_ERR_MISUSE:
      return "BAO_ERR_MISUSE";
    case BAO_ERR_ARG:
      return "BAO_ERR_ARG";
    case BAO_ERR_NOMEM:
      return "BAO_ERR_NOMEM";
    case BAO_ERR_INTERNAL:
      return "BAO_ERR_INTERNAL";
    default:
      return "BAO_UNKNOWN";
  }
}

const char* bao_version(void) {
  // The version is a few ASCII bytes; copied once into static storage.
  static char buf[32];
  static std::once_flag once;
  try {
    std::call_once(once, [] {
      std::string_view v = bao::version();
      size_t n = std::min(v.size(), sizeof buf - 1);
      std::memcpy(buf, v.data(), n);
      buf[n] = '\0';
    });
  } catch (...) {
  }
  return buf;
}

bao_status bao_options_set_as_of(bao_options* opts, const char* date, size_t len) {
  std::string_view s;
  if (!opts || !view(date, len, s)) return BAO_ERR_NULL;
  return guard([&] {
    std::optional<bao::Date> d = bao::Date::parse(s);
    if (!d) return BAO_ERR_ARG;
    bao::YearMonthDay ymd = d->ymd();
    opts->as_of_year = ymd.year;
    opts->as_of_month = ymd.month;
    opts->as_of_day = ymd.day;
    return BAO_OK;
  });
}

bao_kind bao_input_handle_kind(const bao_input_handle* h) {
  return h && h->policy_ ? static_cast<bao_kind>(h->kind_) : BAO_KIND_NONE;
}

bao_kind bao_output_handle_kind(const bao_output_handle* h) {
  return h && h->policy_ ? static_cast<bao_kind>(h->kind_) : BAO_KIND_NONE;
}

// ---- loading ----

static bao_status finish_load(bao::Policy p, bao_policy** out) {
  auto* h = new bao_policy{make_meta(std::move(p))};
  *out = h;
  return h->meta->policy.ok() ? BAO_OK : BAO_ERR_LOAD;
}

static bool roots_of(const bao_str* roots, size_t n, std::vector<std::string>& out) {
  if (n && !roots) return false;
  for (size_t i = 0; i < n; ++i) {
    std::string_view r;
    if (!view(roots[i].data, roots[i].len, r)) return false;
    out.emplace_back(r);
  }
  return true;
}

bao_status bao_policy_from_file(const char* path, size_t path_len, const bao_str* roots,
                                size_t n_roots, bao_policy** out) {
  if (!out) return BAO_ERR_NULL;
  *out = nullptr;
  return guard([&] {
    std::string_view p;
    std::vector<std::string> r;
    if (!view(path, path_len, p) || !roots_of(roots, n_roots, r)) return BAO_ERR_NULL;
    return finish_load(bao::Policy::from_file(std::string(p), {}, r), out);
  });
}

bao_status bao_policy_from_string(const char* name, size_t name_len, const char* text,
                                  size_t text_len, const bao_str* roots, size_t n_roots,
                                  bao_policy** out) {
  if (!out) return BAO_ERR_NULL;
  *out = nullptr;
  return guard([&] {
    std::string_view n, t;
    std::vector<std::string> r;
    if (!view(name, name_len, n) || !view(text, text_len, t) || !roots_of(roots, n_roots, r))
      return BAO_ERR_NULL;
    return finish_load(bao::Policy::from_string(std::string(n), std::string(t), {}, r), out);
  });
}

bao_status bao_policy_from_loader(const char* rel_path, size_t len, bao_loader_fn loader,
                                  bao_loader_release_fn release, void* user, bao_policy** out) {
  if (!out) return BAO_ERR_NULL;
  *out = nullptr;
  return guard([&] {
    std::string_view rel;
    if (!view(rel_path, len, rel) || !loader) return BAO_ERR_NULL;
    auto source = [=](std::string_view path) -> std::optional<bao::LoadedFile> {
      bao_loaded_file f{};
      int rc = loader(user, path.data(), path.size(), &f);
      if (rc == BAO_LOADER_NOT_FOUND) return std::nullopt;
      if (rc != BAO_LOADER_FOUND)
        return bao::LoadedFile{std::string(path), "",
                               "the loader failed (it returned " + std::to_string(rc) + ")"};
      // Released whatever happens while copying.
      struct Release {
        bao_loader_release_fn fn;
        void* user;
        bao_loaded_file* f;
        ~Release() {
          if (fn) fn(user, f);
        }
      } guard_release{release, user, &f};
      std::string_view name, text, error;
      if (!view(f.name, f.name_len, name) || !view(f.text, f.text_len, text) ||
          !view(f.error, f.error_len, error))
        return bao::LoadedFile{std::string(path), "",
                               "the loader gave a NULL string with a non-zero length"};
      return bao::LoadedFile{name.empty() ? std::string(path) : std::string(name),
                             std::string(text), std::string(error)};
    };
    return finish_load(bao::Policy::from_loader(rel, source), out);
  });
}

void bao_policy_free(bao_policy* policy) {
  delete policy;
}

// ---- a policy ----

int bao_policy_ok(const bao_policy* p) {
  return p && p->meta->policy.ok() ? 1 : 0;
}

size_t bao_policy_diagnostic_count(const bao_policy* p) {
  return p ? p->meta->diags.size() : 0;
}

bao_status bao_policy_diagnostic(const bao_policy* p, size_t i, bao_diagnostic* out) {
  if (!p || !out) return BAO_ERR_NULL;
  if (i >= p->meta->diags.size()) return BAO_ERR_NOT_FOUND;
  *out = p->meta->diags[i];
  return BAO_OK;
}

bao_status bao_policy_render(const bao_policy* p, int format, bao_str* out) {
  if (!p || !out) return BAO_ERR_NULL;
  std::optional<bao::Format> f = format_of(format);
  if (!f) return BAO_ERR_ARG;
  return guard([&] {
    Meta& m = *p->meta;
    std::call_once(m.rendered_once[format], [&] { m.rendered[format] = m.policy.render(*f); });
    *out = str(m.rendered[format]);
    return BAO_OK;
  });
}

bao_status bao_policy_name(const bao_policy* p, bao_str* out) {
  if (!p || !out) return BAO_ERR_NULL;
  *out = str(p->meta->name);
  return BAO_OK;
}

bao_status bao_policy_fingerprint(const bao_policy* p, bao_str* out) {
  if (!p || !out) return BAO_ERR_NULL;
  *out = str(p->meta->fingerprint);
  return BAO_OK;
}

size_t bao_policy_input_count(const bao_policy* p) {
  return p ? p->meta->input_names.size() : 0;
}

bao_status bao_policy_input_name(const bao_policy* p, size_t i, bao_str* out) {
  if (!p || !out) return BAO_ERR_NULL;
  if (i >= p->meta->input_names.size()) return BAO_ERR_NOT_FOUND;
  *out = str(p->meta->input_names[i]);
  return BAO_OK;
}

size_t bao_policy_output_count(const bao_policy* p) {
  return p ? p->meta->output_names.size() : 0;
}

bao_status bao_policy_output_name(const bao_policy* p, size_t i, bao_str* out) {
  if (!p || !out) return BAO_ERR_NULL;
  if (i >= p->meta->output_names.size()) return BAO_ERR_NOT_FOUND;
  *out = str(p->meta->output_names[i]);
  return BAO_OK;
}

bao_status bao_policy_input(const bao_policy* p, const char* path, size_t len,
                            bao_input_handle* out) {
  std::string_view s;
  if (!p || !out || !view(path, len, s)) return BAO_ERR_NULL;
  *out = bao_input_handle{};
  return guard([&] {
    if (!p->meta->policy.ok()) return BAO_ERR_LOAD;
    bao::Typed<bao::InputHandle> h = p->meta->policy.input(s);
    if (!h.ok()) return BAO_ERR_NOT_FOUND;
    *out = bao_input_handle{h.value->policy, h.value->input, h.value->field,
                            static_cast<int32_t>(h.value->kind)};
    return BAO_OK;
  });
}

bao_status bao_policy_output(const bao_policy* p, const char* name, size_t len,
                             bao_output_handle* out) {
  std::string_view s;
  if (!p || !out || !view(name, len, s)) return BAO_ERR_NULL;
  *out = bao_output_handle{};
  return guard([&] {
    if (!p->meta->policy.ok()) return BAO_ERR_LOAD;
    bao::Typed<bao::OutputHandle> h = p->meta->policy.output(s);
    if (!h.ok()) return BAO_ERR_NOT_FOUND;
    *out = bao_output_handle{h.value->policy, h.value->index, static_cast<int32_t>(h.value->kind)};
    return BAO_OK;
  });
}

bao_status bao_policy_run_tests(const bao_policy* p, const bao_options* opts, size_t* passed,
                                size_t* failed) {
  if (!p) return BAO_ERR_NULL;
  return guard([&] {
    std::optional<bao::RunOptions> o = run_options(opts);
    if (!o) return BAO_ERR_ARG;
    if (!p->meta->policy.ok()) return BAO_ERR_LOAD;
    size_t ok = 0, bad = 0;
    for (const bao::TestResult& t : p->meta->policy.run_tests(*o))
      (t.passed ? ok : bad)++;
    if (passed) *passed = ok;
    if (failed) *failed = bad;
    return BAO_OK;
  });
}

bao_status bao_policy_evaluate_json(const bao_policy* p, const char* json, size_t len,
                                    const bao_options* opts, bao_result** out) {
  if (!out) return BAO_ERR_NULL;
  *out = nullptr;
  std::string_view s;
  if (!p || !view(json, len, s)) return BAO_ERR_NULL;
  return guard([&] {
    std::optional<bao::RunOptions> o = run_options(opts);
    if (!o) return BAO_ERR_ARG;
    *out = new bao_result(p->meta->policy.evaluate_json(s, *o));
    return result_status((*out)->r);
  });
}

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

// ---- sessions ----

bao_status bao_session_new(const bao_policy* p, bao_session** out) {
  if (!out) return BAO_ERR_NULL;
  *out = nullptr;
  if (!p) return BAO_ERR_NULL;
  return guard([&] {
    *out = new bao_session(p->meta);
    return BAO_OK;
  });
}

void bao_session_free(bao_session* s) {
  delete s;
}

bao_status bao_session_evaluate(bao_session* s, const bao_inputs* in, const bao_options* opts) {
  if (!s || !in) return BAO_ERR_NULL;
  return guard([&] {
    std::optional<bao::RunOptions> o = run_options(opts);
    if (!o) return BAO_ERR_ARG;
    if (s->s.evaluate(in->in, *o)) return BAO_OK;
    bao_status st = result_status(s->s.result());  // the error path only
    return st == BAO_OK ? BAO_ERR_INTERNAL : st;
  });
}

bao_status bao_session_output_fen(const bao_session* s, const bao_output_handle* h, int64_t* fen) {
  if (!s || !h || !fen) return BAO_ERR_NULL;
  return guard([&] {
    bao::Typed<int64_t> v = s->s.output_fen(to_cpp(*h));
    if (!v.ok()) {
      bao_status st = from_code(v.status.code);
      return st == BAO_OK ? BAO_ERR_INTERNAL : st;
    }
    *fen = *v.value;
    return BAO_OK;
  });
}

bao_status bao_session_result(const bao_session* s, bao_result** out) {
  if (!out) return BAO_ERR_NULL;
  *out = nullptr;
  if (!s) return BAO_ERR_NULL;
  return guard([&] {
    *out = new bao_result(s->s.result());
    return result_status((*out)->r);
  });
}

// ---- results ----

void bao_result_free(bao_result* r) {
  delete r;
}

int bao_result_ok(const bao_result* r) {
  return r && r->r.ok() ? 1 : 0;
}

bao_status bao_result_status(const bao_result* r) {
  if (!r) return BAO_ERR_NULL;
  return guard([&] { return result_status(r->r); });
}

bao_status bao_result_error(const bao_result* r, bao_diagnostic* out) {
  if (!r || !out) return BAO_ERR_NULL;
  if (r->r.ok()) return BAO_ERR_NOT_FOUND;
  *out = r->error_c;
  return BAO_OK;
}

bao_status bao_result_render_error(const bao_result* r, int format, bao_str* out) {
  if (!r || !out) return BAO_ERR_NULL;
  std::optional<bao::Format> f = format_of(format);
  if (!f) return BAO_ERR_ARG;
  return guard([&] {
    auto& slot = const_cast<bao_result*>(r)->rendered[format];  // a result is one thread's
    if (!slot) slot = r->r.ok() ? std::string() : r->r.render_error(*f);
    *out = str(*slot);
    return BAO_OK;
  });
}

bao_status bao_result_json(const bao_result* r, bao_str* out) {
  if (!r || !out) return BAO_ERR_NULL;
  return guard([&] {
    auto& slot = const_cast<bao_result*>(r)->json;
    if (!slot) slot = r->r.to_json();
    *out = str(*slot);
    return BAO_OK;
  });
}

size_t bao_result_output_count(const bao_result* r) {
  return r ? r->r.outputs().size() : 0;
}

bao_status bao_result_output_at(const bao_result* r, size_t i, bao_str* name, bao_str* value) {
  if (!r || !name || !value) return BAO_ERR_NULL;
  const auto& outs = r->r.outputs();
  if (i >= outs.size()) return BAO_ERR_NOT_FOUND;
  *name = str(outs[i].first);
  *value = str(outs[i].second);
  return BAO_OK;
}

bao_status bao_result_output(const bao_result* r, const char* name, size_t len, bao_str* value) {
  std::string_view s;
  if (!r || !value || !view(name, len, s)) return BAO_ERR_NULL;
  for (const auto& [n, v] : r->r.outputs()) {
    if (n == s) {
      *value = str(v);
      return BAO_OK;
    }
  }
  return BAO_ERR_NOT_FOUND;
}

bao_status bao_result_output_fen(const bao_result* r, const char* name, size_t len, int64_t* fen) {
  std::string_view s;
  if (!r || !fen || !view(name, len, s)) return BAO_ERR_NULL;
  return guard([&] {
    bao::Typed<int64_t> v = r->r.output_fen(s);
    if (!v.ok()) {
      bao_status st = from_code(v.status.code);
      return st == BAO_OK ? BAO_ERR_INTERNAL : st;
    }
    *fen = *v.value;
    return BAO_OK;
  });
}

bao_status bao_result_explanation_text(const bao_result* r, bao_str* out) {
  if (!r || !out) return BAO_ERR_NULL;
  *out = str(r->r.explanation_text());
  return BAO_OK;
}

bao_status bao_result_explanation_json(const bao_result* r, bao_str* out) {
  if (!r || !out) return BAO_ERR_NULL;
  *out = str(r->r.explanation_json());
  return BAO_OK;
}

}  // extern "C"
