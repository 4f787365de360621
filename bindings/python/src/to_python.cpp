#include "to_python.hpp"

#include "to_json.hpp"

namespace py = pybind11;

namespace baopy {

py::object to_python(const bao::OutputValue& v) {
  const PyTypes& t = PyTypes::get();
  switch (v.kind) {
    case bao::Kind::none:
      return py::none();
    case bao::Kind::boolean:
      return py::bool_(v.boolean);
    case bao::Kind::integer:
      return py::int_(v.integer);
    case bao::Kind::money:
      return t.decimal(bao::fen_to_string(v.integer));  // always two decimals
    case bao::Kind::decimal:
    case bao::Kind::rate:
      return t.decimal(v.decimal.to_string());
    case bao::Kind::date: {
      bao::YearMonthDay ymd = v.date.ymd();
      return t.date(ymd.year, ymd.month, ymd.day);
    }
    case bao::Kind::duration:
    case bao::Kind::enumeration:
    case bao::Kind::text:
      return py::str(v.text);
    case bao::Kind::record: {
      py::dict d;
      for (size_t i = 0; i < v.field_names.size() && i < v.items.size(); ++i)
        d[py::str(v.field_names[i])] = to_python(v.items[i]);
      return d;
    }
    case bao::Kind::list: {
      py::list l(v.items.size());
      for (size_t i = 0; i < v.items.size(); ++i)
        l[i] = to_python(v.items[i]);
      return l;
    }
  }
  throw std::logic_error("bao: an output of an unknown kind");
}

py::dict to_python(const bao::Diagnostic& d) {
  py::dict r;
  r["code"] = d.code;
  r["name"] = d.name;
  r["severity"] = d.severity == bao::Severity::warning ? "warning" : "error";
  r["message"] = d.message;
  r["label"] = d.label;
  r["help"] = d.help;
  r["file"] = d.has_place() ? py::object(py::str(d.file)) : py::object(py::none());
  r["line"] = d.has_place() ? py::object(py::int_(d.start.line)) : py::object(py::none());
  r["column"] = d.has_place() ? py::object(py::int_(d.start.column)) : py::object(py::none());
  r["end_line"] = d.has_place() ? py::object(py::int_(d.end.line)) : py::object(py::none());
  r["end_column"] = d.has_place() ? py::object(py::int_(d.end.column)) : py::object(py::none());
  r["path"] = d.path.empty() ? py::object(py::none()) : py::object(py::str(d.path));
  py::list notes;
  for (const bao::DiagnosticNote& n : d.notes) {
    py::dict nd;
    nd["message"] = n.message;
    bool placed = !n.file.empty();
    nd["file"] = placed ? py::object(py::str(n.file)) : py::object(py::none());
    nd["line"] = placed ? py::object(py::int_(n.start.line)) : py::object(py::none());
    nd["column"] = placed ? py::object(py::int_(n.start.column)) : py::object(py::none());
    notes.append(nd);
  }
  r["notes"] = notes;
  return r;
}

py::dict to_python(const bao::Schema& s) {
  py::dict r;
  r["name"] = s.name;
  r["kind"] = std::string(bao::kind_name(s.kind));
  r["type_name"] = s.type_name;
  r["optional"] = s.optional;
  r["label"] = s.label;
  r["variants"] = py::cast(s.variants);
  py::list fields;
  for (const bao::Schema& f : s.fields)
    fields.append(to_python(f));
  r["fields"] = fields;
  return r;
}

}  // namespace baopy
