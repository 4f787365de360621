// The `bao._bao` extension: a thin layer over lang/api/bao.hpp. The Python
// package (bao/__init__.py) wraps it with exceptions and pandas; this file
// converts values and runs evaluations, releasing the GIL while the library
// works.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "lang/api/bao.hpp"
#include "to_json.hpp"
#include "to_python.hpp"

namespace py = pybind11;

namespace baopy {

namespace {

// One thread's evaluator: a Session with the Inputs it reads.
struct Worker {
  bao::Inputs in;
  bao::Session session;
  size_t rows = 0;  // evaluated in the current batch
  explicit Worker(const bao::Policy& p) : in(p), session(p) {}
  bao::Result run(std::string_view json, const bao::RunOptions& o) {
    in.set_json(json);  // its first error, if any, is the evaluation's answer
    session.evaluate(in, o);
    return session.result();
  }
};

py::dict refusal_dict(const Refusal& r) {
  py::dict d;
  d["code"] = r.code;
  d["path"] = r.path;
  d["message"] = r.message;
  return d;
}

// "E0804 $.who: …": the library's messages for a case start with the path.
std::string error_line(const bao::Diagnostic& d) {
  if (d.path.empty() || d.message.rfind(d.path, 0) == 0) return d.code + " " + d.message;
  return d.code + " " + d.path + ": " + d.message;
}

std::vector<std::string> list_of_str(const std::optional<std::vector<std::string>>& v) {
  return v ? *v : std::vector<std::string>{};
}

class PyPolicy {
 public:
  explicit PyPolicy(bao::Policy p) : p_(std::move(p)) {
    names_ = p_.output_names();
    for (const std::string& n : names_)
      handles_.push_back(p_.output(n).value.value_or(bao::OutputHandle{}));
  }

  static std::unique_ptr<PyPolicy> from_file(const std::string& path,
                                             std::optional<std::vector<std::string>> roots) {
    py::gil_scoped_release unlocked;
    return std::make_unique<PyPolicy>(bao::Policy::from_file(path, {}, list_of_str(roots)));
  }
  static std::unique_ptr<PyPolicy> from_string(std::string name, std::string text,
                                               std::optional<std::vector<std::string>> roots) {
    py::gil_scoped_release unlocked;
    return std::make_unique<PyPolicy>(
        bao::Policy::from_string(std::move(name), std::move(text), {}, list_of_str(roots)));
  }
  // fn(rel_path) -> str | bytes | None, called with the GIL held (the
  // library calls a loader only on the loading thread, this one).
  static std::unique_ptr<PyPolicy> from_loader(const std::string& rel, py::function fn) {
    auto loader = [fn](std::string_view path) -> std::optional<bao::LoadedFile> {
      std::string name(path);
      try {
        py::object got = fn(py::str(name));
        if (got.is_none()) return std::nullopt;
        if (py::isinstance<py::bytes>(got))
          return bao::LoadedFile{name, got.cast<std::string>(), ""};
        if (py::isinstance<py::str>(got)) return bao::LoadedFile{name, got.cast<std::string>(), ""};
        return bao::LoadedFile{name, "",
                               "the loader returned " + std::string(Py_TYPE(got.ptr())->tp_name) +
                                   ", not str, bytes or None"};
      } catch (py::error_already_set& e) {
        return bao::LoadedFile{name, "", std::string("the loader raised ") + e.what()};
      }
    };
    return std::make_unique<PyPolicy>(bao::Policy::from_loader(rel, loader));
  }

  bool ok() const { return p_.ok(); }
  std::string render() const { return p_.render(bao::Format::text); }
  py::list diagnostics() const {
    py::list l;
    for (const bao::Diagnostic& d : p_.diagnostics())
      l.append(to_python(d));
    return l;
  }
  py::dict identity() const {
    py::dict d;
    d["policy"] = p_.identity().policy;
    d["bao_version"] = p_.identity().bao_version;
    d["fingerprint"] = p_.identity().fingerprint;
    return d;
  }
  py::list schema(bool inputs) const {
    py::list l;
    for (const bao::Schema& s : inputs ? p_.inputs() : p_.outputs())
      l.append(to_python(s));
    return l;
  }
  std::vector<std::string> output_names() const { return names_; }

  // (ok, outputs dict | error dict, explanation JSON text | None)
  py::tuple evaluate(py::handle case_, std::optional<std::string> as_of, bool explain) {
    bao::RunOptions o;
    Refusal why;
    if (!options(as_of, explain, o, why))
      return py::make_tuple(false, refusal_dict(why), py::none());
    std::string json;
    if (!to_json(case_, json, why)) return py::make_tuple(false, refusal_dict(why), py::none());
    std::unique_ptr<Worker> w = take();
    bao::Result r;
    {
      py::gil_scoped_release unlocked;
      r = w->run(json, o);
    }
    give(std::move(w));
    if (!r.ok()) return py::make_tuple(false, to_python(*r.error()), py::none());
    py::dict out;
    for (size_t i = 0; i < names_.size(); ++i)
      out[py::str(names_[i])] = value(r, i);
    py::object expl = explain ? py::object(py::str(r.explanation_json())) : py::object(py::none());
    return py::make_tuple(true, out, expl);
  }

  // (ok, Result::to_json()): the bytes of `bao run --format json`.
  py::tuple evaluate_json(const std::string& text, std::optional<std::string> as_of, bool explain) {
    bao::RunOptions o;
    Refusal why;
    if (!options(as_of, explain, o, why)) throw py::value_error(why.message);
    bao::Result r;
    {
      py::gil_scoped_release unlocked;
      r = p_.evaluate_json(text, o);
    }
    return py::make_tuple(r.ok(), py::bytes(r.to_json()));
  }

  // Rows (a list of case dicts) -> (one list per output, the error column,
  // the most threads that evaluated rows at once).
  py::tuple evaluate_many(py::list rows, std::optional<std::string> as_of, int threads,
                          size_t batch);

  // [(name, passed, [problem dicts])]
  py::list run_tests(std::optional<std::string> as_of) const {
    bao::RunOptions o;
    Refusal why;
    if (!options(as_of, false, o, why)) throw py::value_error(why.message);
    std::vector<bao::TestResult> results;
    {
      py::gil_scoped_release unlocked;
      results = p_.run_tests(o);
    }
    py::list l;
    for (const bao::TestResult& t : results) {
      py::list problems;
      for (const bao::Diagnostic& d : t.problems)
        problems.append(to_python(d));
      l.append(py::make_tuple(t.name, t.passed, problems));
    }
    return l;
  }

 private:
  static bool options(const std::optional<std::string>& as_of, bool explain, bao::RunOptions& o,
                      Refusal& why) {
    o.explain = explain;
    if (!as_of) return true;
    o.as_of = bao::Date::parse(*as_of);
    if (o.as_of) return true;
    why = {"E0805", "as_of", "as_of: `" + *as_of + "` is not a date (YYYY-MM-DD)"};
    return false;
  }
  py::object value(const bao::Result& r, size_t i) const {
    bao::Typed<bao::OutputValue> v = r.output_value(handles_[i]);
    if (!v.ok()) throw std::logic_error("bao: output " + names_[i] + ": " + v.status.message);
    return to_python(*v.value);
  }
  std::unique_ptr<Worker> take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (pool_.empty()) return std::make_unique<Worker>(p_);
    std::unique_ptr<Worker> w = std::move(pool_.back());
    pool_.pop_back();
    return w;
  }
  void give(std::unique_ptr<Worker> w) {
    std::lock_guard<std::mutex> lock(mu_);
    pool_.push_back(std::move(w));
  }

  bao::Policy p_;
  std::vector<std::string> names_;
  std::vector<bao::OutputHandle> handles_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Worker>> pool_;  // Sessions for evaluate(), reused
};

// A batch's rows: converted to JSON with the GIL, evaluated by `threads`
// threads without it (rows claimed in small chunks), converted back with it.
py::tuple PyPolicy::evaluate_many(py::list rows, std::optional<std::string> as_of, int threads,
                                  size_t batch) {
  bao::RunOptions o;
  Refusal why;
  if (!options(as_of, false, o, why)) throw py::value_error(why.message);
  if (threads < 1) throw py::value_error("threads must be at least 1");
  if (batch < 1) batch = 1;
  size_t n = rows.size();
  std::vector<py::list> columns(names_.size());
  for (py::list& c : columns)
    c = py::list(n);
  py::list errors(n);
  std::vector<std::unique_ptr<Worker>> workers;
  struct Row {
    std::string json, error;
    bool refused = false;
    bao::Result result;
  };
  std::vector<Row> slot(std::min(n, batch));
  size_t busy = 0;  // the most threads that evaluated rows in one batch
  for (size_t begin = 0; begin < n; begin += batch) {
    size_t m = std::min(batch, n - begin);
    for (size_t i = 0; i < m; ++i) {
      Row& r = slot[i];
      r.json.clear();
      r.refused = !to_json(rows[begin + i], r.json, why);
      if (r.refused) r.error = refusal_line(why);
    }
    constexpr size_t kChunk = 32;
    size_t t = std::min<size_t>(threads, (m + kChunk - 1) / kChunk);
    while (workers.size() < t)
      workers.push_back(std::make_unique<Worker>(p_));
    {
      py::gil_scoped_release unlocked;
      std::atomic<size_t> next{0};
      std::exception_ptr failure;
      std::mutex failure_mu;
      auto work = [&](Worker& w) {
        w.rows = 0;
        try {
          for (size_t at; (at = next.fetch_add(kChunk)) < m;)
            for (size_t i = at; i < std::min(m, at + kChunk); ++i)
              if (!slot[i].refused) {
                slot[i].result = w.run(slot[i].json, o);
                ++w.rows;
              }
        } catch (...) {
          std::lock_guard<std::mutex> lock(failure_mu);
          failure = std::current_exception();
        }
      };
      std::vector<std::thread> pool;
      for (size_t k = 1; k < t; ++k)
        pool.emplace_back(work, std::ref(*workers[k]));
      work(*workers[0]);
      for (std::thread& th : pool)
        th.join();
      if (failure) std::rethrow_exception(failure);
    }
    size_t active = 0;
    for (size_t k = 0; k < t; ++k)
      active += workers[k]->rows > 0;
    busy = std::max(busy, active);
    for (size_t i = 0; i < m; ++i) {
      Row& r = slot[i];
      size_t at = begin + i;
      if (!r.refused && !r.result.ok()) {
        r.refused = true;
        r.error = error_line(*r.result.error());
      }
      if (r.refused) {
        errors[at] = py::str(r.error);
        for (py::list& c : columns)
          c[at] = py::none();
      } else {
        errors[at] = py::none();
        for (size_t k = 0; k < names_.size(); ++k)
          columns[k][at] = value(r.result, k);
      }
      r.result = bao::Result();
    }
  }
  py::list cols;
  for (py::list& c : columns)
    cols.append(c);
  return py::make_tuple(cols, errors, busy);
}

}  // namespace

}  // namespace baopy

PYBIND11_MODULE(_bao, m) {
  using baopy::PyPolicy;
  m.doc() = "Bao policies: the C++ core (use the `bao` package, not this module)";
  m.attr("version") = std::string(bao::version());
  py::class_<PyPolicy>(m, "Policy")
      .def_static("from_file", &PyPolicy::from_file, py::arg("path"), py::arg("roots") = py::none())
      .def_static("from_string", &PyPolicy::from_string, py::arg("name"), py::arg("text"),
                  py::arg("roots") = py::none())
      .def_static("from_loader", &PyPolicy::from_loader, py::arg("rel_path"), py::arg("fn"))
      .def("ok", &PyPolicy::ok)
      .def("render", &PyPolicy::render)
      .def("diagnostics", &PyPolicy::diagnostics)
      .def("identity", &PyPolicy::identity)
      .def("schema", &PyPolicy::schema, py::arg("inputs"))
      .def("output_names", &PyPolicy::output_names)
      .def("evaluate", &PyPolicy::evaluate, py::arg("case"), py::arg("as_of"), py::arg("explain"))
      .def("evaluate_json", &PyPolicy::evaluate_json, py::arg("text"), py::arg("as_of"),
           py::arg("explain"))
      .def("evaluate_many", &PyPolicy::evaluate_many, py::arg("rows"), py::arg("as_of"),
           py::arg("threads"), py::arg("batch"))
      .def("run_tests", &PyPolicy::run_tests, py::arg("as_of"));
}
