// Shared by bao_c.cpp and bao_c_inputs.cpp: the handles behind bao.h's
// opaque types and the helpers both use. Internal: never installed.
#pragma once

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

namespace bao_c {

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

inline bao_str str(const std::string& s) {
  return bao_str{s.c_str(), s.size()};
}

// A caller's (pointer, length): NULL is allowed only with length 0.
inline bool view(const char* s, size_t len, std::string_view& out) {
  if (!s && len) return false;
  out = s ? std::string_view(s, len) : std::string_view();
  return true;
}

inline bao_status from_code(const std::string& code) {
  if (code.empty()) return BAO_OK;
  if (code == "E0850") return BAO_ERR_MISUSE;
  if (code.rfind("E08", 0) == 0) return BAO_ERR_INPUT;
  if (code.rfind("E09", 0) == 0) return BAO_ERR_EVAL;
  return BAO_ERR_LOAD;
}

inline void fill(bao_diagnostic& out, const bao::Diagnostic& d) {
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

inline std::optional<bao::RunOptions> run_options(const bao_options* o) {
  bao::RunOptions r;
  if (!o) return r;
  r.explain = o->explain != 0;
  if (o->as_of_year != 0) {
    r.as_of = bao::Date::from_ymd(o->as_of_year, o->as_of_month, o->as_of_day);
    if (!r.as_of) return std::nullopt;
  }
  return r;
}

inline bao::InputHandle to_cpp(const bao_input_handle& h) {
  return bao::InputHandle{h.policy_, h.input_, h.field_, static_cast<bao::Kind>(h.kind_)};
}

inline bao::OutputHandle to_cpp(const bao_output_handle& h) {
  return bao::OutputHandle{h.policy_, h.index_, static_cast<bao::Kind>(h.kind_)};
}

inline std::optional<bao::Format> format_of(int f) {
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

}  // namespace bao_c

struct bao_policy {
  std::shared_ptr<bao_c::Meta> meta;
};

struct bao_inputs {
  std::shared_ptr<bao_c::Meta> meta;
  bao::Inputs in;
  std::optional<bao::Diagnostic> error;  // of the last setter call
  bao_diagnostic error_c{};
  explicit bao_inputs(std::shared_ptr<bao_c::Meta> m) : meta(std::move(m)), in(meta->policy) {}
};

struct bao_session {
  std::shared_ptr<bao_c::Meta> meta;
  bao::Session s;
  explicit bao_session(std::shared_ptr<bao_c::Meta> m) : meta(std::move(m)), s(meta->policy) {}
};

struct bao_result {
  bao::Result r;
  std::optional<std::string> json;
  std::array<std::optional<std::string>, 3> rendered;
  bao_diagnostic error_c{};
  explicit bao_result(bao::Result x) : r(std::move(x)) {
    if (r.error()) bao_c::fill(error_c, *r.error());
  }
};

namespace bao_c {

inline bao_status result_status(const bao::Result& r) {
  return r.ok() ? BAO_OK : from_code(r.error()->code);
}

}  // namespace bao_c
