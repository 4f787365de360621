// The C ABI (bao.h) over the C++ API (lang/api/bao.hpp) and nothing else.
// Every entry point catches everything: no exception crosses into C.
#include <algorithm>
#include <cstring>
#include <mutex>

#include "bindings/c/bao_c_impl.hpp"

using namespace bao_c;

namespace {

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
