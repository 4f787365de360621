// Implements bao.hpp: wires the stages together (parse → check → compile →
// evaluate) and converts between the internal forms and the public ones.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/api/impl.hpp"
#include "lang/api/json_input.hpp"
#include "lang/check/check.hpp"
#include "lang/eval/evaluator.hpp"
#include "lang/eval/format.hpp"
#include "lang/eval/test_runner.hpp"
#include "lang/link/link.hpp"
#include "lang/source/printable.hpp"

namespace bao {

namespace {

// A host's SourceLoader as the linker's FileSource.
class LoaderFiles final : public FileSource {
 public:
  explicit LoaderFiles(SourceLoader loader) : loader_(std::move(loader)) {}
  std::optional<FoundFile> find(const std::string& rel, size_t max_bytes) override {
    if (!loader_) return std::nullopt;
    std::optional<LoadedFile> got = loader_(rel);
    if (!got) return std::nullopt;
    FoundFile out;
    out.name = got->name.empty() ? rel : std::move(got->name);
    if (!got->error.empty()) {
      out.unreadable = true;
      out.why = std::move(got->error);
    } else if (got->text.size() > max_bytes) {
      out.too_large = got->text.size();
    } else {
      out.text = std::move(got->text);
    }
    return out;
  }
  std::string searched() const override {
    return "the host's loader has no such file, nor the standard library";
  }

 private:
  SourceLoader loader_;
};

std::shared_ptr<PolicyImpl> load(std::string name, std::string text, const Limits& limits,
                                 FileSource* files, ParseCache* cache,
                                 std::optional<Diag> read_error = std::nullopt) {
  auto impl = std::make_shared<PolicyImpl>();
  impl->limits = limits;
  FileId file = impl->sources.add(std::move(name), std::move(text));
  if (read_error) {
    impl->diags.push_back(*read_error);
  } else {
    DiagSink sink(limits.max_diagnostics);
    LinkOptions link{files, limits.parse, limits.max_files, cache};
    impl->module = link_policy(impl->sources, file, sink, link, &impl->keys);
    if (!sink.has_errors()) {
      std::shared_ptr<CheckedPolicy> checked = check_module(impl->sources, impl->module, sink);
      impl->checked = checked;
      if (!sink.has_errors()) impl->program = compile(impl->checked, sink);
      if (sink.has_errors()) impl->program.reset();  // a broken `bound`, say
      if (impl->program) {
        const auto& outs = impl->program->outputs;
        impl->output_order.resize(outs.size());
        for (uint32_t i = 0; i < outs.size(); ++i)
          impl->output_order[i] = i;
        std::stable_sort(impl->output_order.begin(), impl->output_order.end(),
                         [&](uint32_t a, uint32_t b) {
                           return checked->rules[outs[a]].name < checked->rules[outs[b]].name;
                         });
        for (uint32_t r : outs) {
          std::string key;
          append_json_string(key, checked->rules[r].name);
          impl->output_keys.push_back(json_printable(std::move(key)) + ": ");
        }
      }
    }
    sink.sort();
    impl->diags = sink.all();
  }
  impl->public_diags = to_public(impl->sources, impl->diags);
  impl->identity.bao_version = std::string(version());
  if (impl->checked) impl->identity.policy = impl->checked->name;
  impl->fingerprint_pending = !read_error;
  return impl;
}

}  // namespace

const Identity& identity_of(const PolicyImpl& p) {
  std::call_once(p.fingerprint_once, [&p] {
    if (p.fingerprint_pending) p.identity.fingerprint = fingerprint(p.sources, p.keys);
  });
  return p.identity;
}

// Diagnostics in the format asked for.
static std::string render_as(const SourceSet& sources, const std::vector<Diag>& diags, Format f) {
  switch (f) {
    case Format::text:
      return render_text(sources, diags);
    case Format::json:
      return render_json(sources, diags);
    case Format::sarif:
      return render_sarif(sources, diags);
  }
  return {};
}

Diag misuse(std::string message) {
  return Diag{DiagKind::api_misuse, {kNoFile, {}}, std::move(message), "", "", {}};
}

const std::shared_ptr<const PolicyImpl>& empty_policy() {
  static const std::shared_ptr<const PolicyImpl> empty = [] {
    auto impl = std::make_shared<PolicyImpl>();
    impl->diags.push_back(misuse(
        "this Policy holds nothing: load one with Policy::from_file or Policy::from_string"));
    impl->public_diags = to_public(impl->sources, impl->diags);
    impl->identity.bao_version = std::string(version());
    return impl;
  }();
  return empty;
}

Diag not_loaded(const PolicyImpl& p) {
  // The code of the policy's first error (not a warning before it) says
  // what kind of problem it is.
  DiagKind kind = DiagKind::unreadable_file;
  size_t errors = 0;
  for (const Diag& d : p.diags) {
    if (d.severity() != Severity::error) continue;
    if (errors++ == 0) kind = d.kind;
  }
  if (kind == DiagKind::api_misuse) return p.diags.front();
  return Diag{kind,
              {kNoFile, {}},
              fmt::format("the policy has {} error{} and cannot be evaluated", errors,
                          errors == 1 ? "" : "s"),
              "",
              "",
              {}};
}

// ---- Policy ----

Policy::Policy() : impl_(empty_policy()) {}

namespace {

using Loaded = std::shared_ptr<const PolicyImpl>;

Loaded string_policy(std::string name, std::string text, const Limits& limits,
                     const std::vector<std::string>& roots, ParseCache* cache) {
  auto files = disk_files(roots);
  return load(std::move(name), std::move(text), limits, files.get(), cache);
}

Loaded loader_policy(std::string_view relative_path, SourceLoader loader, const Limits& limits,
                     ParseCache* cache) {
  std::string rel(relative_path);
  std::optional<LoadedFile> root = loader ? loader(rel) : std::nullopt;
  LoaderFiles files(std::move(loader));
  auto refuse = [&](DiagKind kind, std::string message) -> Loaded {
    return load(rel, "", limits, &files, cache,
                Diag{kind, {kNoFile, {}}, std::move(message), "", "", {}});
  };
  if (!root) return refuse(DiagKind::unreadable_file, fmt::format("the loader has no `{}`", rel));
  std::string name = root->name.empty() ? rel : root->name;
  if (!root->error.empty())
    return refuse(DiagKind::unreadable_file,
                  fmt::format("cannot read `{}`: {}", name, root->error));
  if (root->text.size() > limits.parse.max_file_bytes)
    return refuse(DiagKind::file_too_large,
                  fmt::format("`{}` has {} bytes, more than the limit of {}", name,
                              root->text.size(), limits.parse.max_file_bytes));
  return load(std::move(name), std::move(root->text), limits, &files, cache);
}

Loaded file_policy(const std::string& path, const Limits& limits,
                   const std::vector<std::string>& search, ParseCache* cache) {
  std::vector<std::string> roots = search.empty() ? std::vector{default_root(path)} : search;
  auto files = disk_files(roots, path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    bool folder = std::filesystem::is_directory(path, ec);
    Diag d{DiagKind::unreadable_file,
           {kNoFile, {}},
           folder ? fmt::format("`{}` is a folder, not a policy file", path)
                  : fmt::format("cannot read `{}`", path),
           "",
           "",
           {}};
    return load(path, "", limits, files.get(), cache, d);
  }
  // Refuse a file over the limit before reading it.
  if (auto size = std::filesystem::file_size(path, ec); !ec && size > limits.parse.max_file_bytes) {
    Diag d{DiagKind::file_too_large,
           {0, {0, 0}},
           fmt::format("the file has {} bytes, more than the limit of {}", size,
                       limits.parse.max_file_bytes),
           "",
           "",
           {}};
    return load(path, "", limits, files.get(), cache, d);
  }
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  if (f) ss << f.rdbuf();
  if (!f || f.bad()) {
    Diag d{DiagKind::unreadable_file,
           {kNoFile, {}},
           fmt::format("cannot read `{}`", path),
           "",
           "",
           {}};
    return load(path, "", limits, files.get(), cache, d);
  }
  return load(path, ss.str(), limits, files.get(), cache);
}

}  // namespace

Policy Policy::from_string(std::string name, std::string text, const Limits& limits,
                           const std::vector<std::string>& roots) {
  Policy p;
  p.impl_ = string_policy(std::move(name), std::move(text), limits, roots, nullptr);
  return p;
}
Policy Policy::from_string(std::string name, std::string text, const Limits& limits,
                           const std::vector<std::string>& roots, LoadCache& cache) {
  Policy p;
  p.impl_ = string_policy(std::move(name), std::move(text), limits, roots, &cache.impl_->files);
  return p;
}

Policy Policy::from_loader(std::string_view relative_path, SourceLoader loader,
                           const Limits& limits) {
  Policy p;
  p.impl_ = loader_policy(relative_path, std::move(loader), limits, nullptr);
  return p;
}
Policy Policy::from_loader(std::string_view relative_path, SourceLoader loader,
                           const Limits& limits, LoadCache& cache) {
  Policy p;
  p.impl_ = loader_policy(relative_path, std::move(loader), limits, &cache.impl_->files);
  return p;
}

Policy Policy::from_file(const std::string& path, const Limits& limits,
                         const std::vector<std::string>& roots) {
  Policy p;
  p.impl_ = file_policy(path, limits, roots, nullptr);
  return p;
}
Policy Policy::from_file(const std::string& path, const Limits& limits,
                         const std::vector<std::string>& roots, LoadCache& cache) {
  Policy p;
  p.impl_ = file_policy(path, limits, roots, &cache.impl_->files);
  return p;
}

// ---- LoadCache ----

LoadCache::LoadCache() : impl_(std::make_shared<Impl>()) {}
LoadCache::~LoadCache() = default;
LoadCache::LoadCache(const LoadCache&) = default;
LoadCache& LoadCache::operator=(const LoadCache&) = default;
size_t LoadCache::files_parsed() const {
  return impl_->files.parses();
}
size_t LoadCache::files_reused() const {
  return impl_->files.reuses();
}
void LoadCache::clear() {
  impl_->files.clear();
}

bool Policy::ok() const {
  return impl_->program != nullptr;
}
const std::vector<Diagnostic>& Policy::diagnostics() const {
  return impl_->public_diags;
}

const Identity& Policy::identity() const {
  return identity_of(*impl_);
}

size_t Policy::error_count() const {
  return std::count_if(impl_->diags.begin(), impl_->diags.end(),
                       [](const Diag& d) { return d.severity() == Severity::error; });
}
size_t Policy::warning_count() const {
  return impl_->diags.size() - error_count();
}

std::string Policy::render(Format f) const {
  return render_as(impl_->sources, impl_->diags, f);
}

std::string Policy::name() const {
  return impl_->checked ? impl_->checked->name : "";
}

std::string Policy::source() const {
  const Module& m = impl_->module;
  return m.header ? m.header->source : "";
}

std::string Policy::file_name(const Location& at) const {
  return at.file < impl_->sources.size() ? impl_->sources.file(at.file).name() : "";
}

LineCol Policy::line_col(const Location& at) const {
  return at.file < impl_->sources.size() ? impl_->sources.file(at.file).line_col(at.span.begin)
                                         : LineCol{};
}

std::vector<Declaration> Policy::declarations() const {
  std::vector<Declaration> out;
  const Module& m = impl_->module;
  for (size_t i = 0; i < m.decls.size(); ++i) {
    const DeclNode& d = m.decls[i];
    if (d.name.text.empty() || (!m.decl_unit.empty() && m.decl_unit[i] != 0)) continue;
    Declaration decl{d.name.text, decl_kind_name(d), d.label, d.source, loc(d.name.span), {}};
    if (i < m.decl_replaces.size() && m.decl_replaces[i].valid())
      decl.overrides = loc(m.replaced[m.decl_replaces[i].v].name.span);
    out.push_back(std::move(decl));
    // Rows a child put into an inherited table (`override terms.dibao: …`).
    if (const auto* t = std::get_if<TableDecl>(&d.kind)) {
      for (const TableRow& row : t->rows) {
        if (row.span.file == d.span.file || row.keys.empty()) continue;
        std::string keys;
        for (const Pattern& k : row.keys)
          keys += (keys.empty() ? "" : "|") + k.name.text;
        out.push_back({d.name.text + "." + keys, "row", d.label, row.source, loc(row.span),
                       loc(d.name.span)});
      }
    }
  }
  return out;
}

std::vector<std::string> Policy::input_names() const {
  std::vector<std::string> out;
  if (impl_->checked)
    for (size_t k = 0; k < impl_->checked->host_inputs(); ++k)
      out.push_back(impl_->checked->inputs[k].name);
  return out;
}

std::vector<std::string> Policy::output_names() const {
  std::vector<std::string> out;
  if (impl_->program)
    for (uint32_t r : impl_->program->outputs)
      out.push_back(impl_->checked->rules[r].name);
  return out;
}

Result Policy::evaluate(const Inputs& inputs, const RunOptions& options) const {
  // A Session answers every misuse with an error Result, never an exception.
  Session s(*this);
  s.evaluate(inputs, options);
  return s.result();
}

// What Inputs::set_json and then Session::evaluate would answer, with the
// buffers of a JsonCase the policy lends: no Inputs or Session is built.
Result Policy::evaluate_json(std::string_view json, const RunOptions& options) const {
  if (!ok()) {
    Inputs in(*this);
    return evaluate(in, options);  // says why it cannot
  }
  const PolicyImpl& p = *impl_;
  std::unique_ptr<JsonCase> jc;
  {
    std::lock_guard<std::mutex> lock(p.pool_mutex);
    if (!p.pool.empty()) {
      jc = std::move(p.pool.back());
      p.pool.pop_back();
    }
  }
  if (!jc) {
    jc = std::make_unique<JsonCase>();
    jc->eval.emplace(*p.program);
  }
  Result r = ResultBuilder::evaluated();
  std::vector<Diag> errors = read_json_case(p, json, jc->values, jc->scratch);
  if (!errors.empty()) {
    ResultBuilder::fail(r, impl_, first_with_notes(errors));
  } else {
    EvalOptions eo = eval_options(p, options);
    if (jc->eval->run(jc->values, eo, jc->outputs, jc->error,
                      options.explain ? &jc->trace : nullptr))
      ResultBuilder::fill(r, impl_, *jc->eval, jc->outputs, options.explain ? &jc->trace : nullptr);
    else
      ResultBuilder::fail(r, impl_, eval_error(p, jc->error));
  }
  // A case far larger than usual does not keep its buffers with the policy.
  constexpr size_t kKeep = size_t{1} << 16;  // values: 2 MiB
  if (jc->values.heap.capacity() > kKeep || jc->scratch.items.capacity() > kKeep) return r;
  std::lock_guard<std::mutex> lock(p.pool_mutex);
  p.pool.push_back(std::move(jc));
  return r;
}

std::vector<TestResult> Policy::run_tests(const RunOptions& options) const {
  std::vector<TestResult> out;
  if (!impl_->program) return out;
  const PolicyImpl& p = *impl_;
  EvalOptions eo;
  eo.as_of = options.as_of;
  eo.max_steps = p.limits.max_steps;
  eo.max_depth = p.limits.max_depth;
  eo.max_values = p.limits.max_values;
  for (size_t t = 0; t < p.checked->tests.size(); ++t) {
    const TestInfo& info = p.checked->tests[t];
    const DeclNode& decl = p.module.decl(info.decl);
    TestResult r{info.name, loc(decl.span), false, {}};
    TestOutcome o = run_test(*p.program, t, eo);
    r.passed = o.passed;
    for (const TestOutcome::Failure& f : o.failures) {
      std::string_view text = p.sources.file(f.span.file).text();
      std::string_view expect = text.substr(f.span.begin, f.span.end - f.span.begin);
      r.problems.push_back(to_public(
          p.sources, Diag{DiagKind::test_failed,
                          loc(f.span),
                          fmt::format("test \"{}\": `{}` does not hold", info.name, expect),
                          f.detail,
                          "",
                          {}}));
    }
    if (o.error) {
      // A fault inside a parent's or a module's file is reported at the test,
      // in the file being tested, with the place it happened as a note.
      bool elsewhere = o.error->span.file != decl.span.file;
      Diag d{o.error->kind,
             elsewhere ? loc(decl.span) : loc(o.error->span),
             fmt::format("test \"{}\": {}", info.name, o.error->message),
             "",
             "",
             {}};
      if (elsewhere) d.notes.push_back({loc(o.error->span), "where it happened"});
      for (uint32_t rule : o.error->rules) {
        const RuleInfo& ri = p.checked->rules[rule];
        d.notes.push_back(
            {loc(p.module.decl(ri.decl).name.span), fmt::format("while computing `{}`", ri.name)});
      }
      if (info.expect_error)
        d.notes.push_back({loc(info.error_span), fmt::format("the test expects error {}",
                                                             diag_info(*info.expect_error).code)});
      r.problems.push_back(to_public(p.sources, d));
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string Policy::render(const std::vector<Diagnostic>& diags, Format f) const {
  std::vector<Diag> ds;
  for (const Diagnostic& d : diags)
    ds.push_back(to_internal(d));
  return render_as(impl_->sources, ds, f);
}

// ---- Result ----

Result::Result() : error_(to_public(no_sources(), misuse("this Result holds no evaluation"))) {}

const Identity& Result::identity() const {
  return identity_of(*(policy_ ? policy_ : empty_policy()));
}

std::optional<std::string> Result::output(std::string_view name) const {
  for (const auto& [n, v] : outputs_)
    if (n == name) return v;
  return std::nullopt;
}

std::string Result::to_json() const {
  if (!error_ && policy_ && explain_json_.empty()) {
    // The document nlohmann would dump (keys in byte order), written out;
    // outputs_json_ is printable already (ResultBuilder::fill).
    const std::string& name = policy_->checked->name;
    std::string out;
    out.reserve(outputs_json_.size() + name.size() + 40);
    out += "{\n  \"outputs\": ";
    out += outputs_json_;
    out += ",\n  \"policy\": ";
    bool past_ascii = false;
    append_json_string(out, name, &past_ascii);
    out += "\n}";
    if (past_ascii) out = json_printable(std::move(out));
    out += '\n';
    return out;
  }
  nlohmann::json j;
  if (error_) {
    j["error"] = nlohmann::json::parse(render_error(Format::json))[0];
  } else if (policy_) {
    j["policy"] = policy_->checked->name;
    j["outputs"] = nlohmann::json::parse(outputs_json_);
    if (!explain_json_.empty()) j["explanation"] = nlohmann::json::parse(explain_json_);
  }
  return json_printable(j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

std::string Result::render_error(Format f) const {
  if (!error_) return {};
  return render_as(policy_ ? policy_->sources : empty_policy()->sources, {to_internal(*error_)}, f);
}

}  // namespace bao
