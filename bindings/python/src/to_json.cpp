#include "to_json.hpp"

#include <cstring>

namespace py = pybind11;

namespace baopy {

namespace {

constexpr int kMaxDepth = 256;  // a case nests a few levels; this stops a cycle

const char* kExact = "give a decimal.Decimal or a str such as \"1234.50\"";

void append_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string type_name(py::handle v) {
  return Py_TYPE(v.ptr())->tp_name;
}

struct Writer {
  std::string& out;
  Refusal& why;
  std::string path = "$";

  bool refuse(const std::string& what) {
    why.code = "E0802";  // input_type: the value has a type no input takes
    why.path = path;
    why.message = path + ": " + what;
    return false;
  }

  bool text(py::handle v) {
    Py_ssize_t n = 0;
    const char* s = PyUnicode_AsUTF8AndSize(v.ptr(), &n);
    if (!s) {
      PyErr_Clear();
      return refuse("is a str that is not valid Unicode (a lone surrogate)");
    }
    append_string(out, std::string_view(s, static_cast<size_t>(n)));
    return true;
  }

  bool integer(py::handle v) {
    // str(int) is exact at any size; the library refuses what does not fit (E0808).
    py::str digits(v);
    out += digits.cast<std::string>();
    return true;
  }

  bool object(py::handle v, int depth) {
    out += '{';
    bool first = true;
    size_t at = path.size();
    for (auto [k, item] : py::reinterpret_borrow<py::dict>(v)) {
      if (!PyUnicode_Check(k.ptr()))
        return refuse("has a key " + py::repr(k).cast<std::string>() + " of type " + type_name(k) +
                      "; keys must be str");
      if (!first) out += ',';
      first = false;
      if (!text(k)) return false;
      out += ':';
      path += '.';
      path += py::str(k).cast<std::string>();
      if (!value(item, depth + 1)) return false;
      path.resize(at);
    }
    out += '}';
    return true;
  }

  bool array(py::handle v, int depth) {
    out += '[';
    size_t at = path.size();
    py::sequence seq = py::reinterpret_borrow<py::sequence>(v);
    size_t n = seq.size();
    for (size_t i = 0; i < n; ++i) {
      if (i) out += ',';
      path += "[" + std::to_string(i) + "]";
      if (!value(seq[i], depth + 1)) return false;
      path.resize(at);
    }
    out += ']';
    return true;
  }

  bool value(py::handle v, int depth) {
    if (depth > kMaxDepth) return refuse("nests deeper than 256 levels (a cycle?)");
    PyObject* o = v.ptr();
    const PyTypes& t = PyTypes::get();
    if (o == Py_None) {
      out += "null";
    } else if (PyBool_Check(o) || type_name(v) == "numpy.bool_") {
      out += PyObject_IsTrue(o) ? "true" : "false";
    } else if (PyFloat_Check(o) || type_name(v).rfind("numpy.float", 0) == 0) {
      return refuse("is a float (" + py::repr(v).cast<std::string>() +
                    "); a float is never converted to an exact number: " + kExact);
    } else if (PyLong_Check(o)) {
      return integer(v);
    } else if (PyUnicode_Check(o)) {
      return text(v);
    } else if (PyDict_Check(o)) {
      return object(v, depth);
    } else if (PyList_Check(o) || PyTuple_Check(o)) {
      return array(v, depth);
    } else if (py::isinstance(v, t.decimal)) {
      if (!v.attr("is_finite")().cast<bool>())
        return refuse("is Decimal(" + py::str(v).cast<std::string>() + "), not a finite number");
      // Positional notation ("1000", "0.000001"): the library takes no exponents.
      append_string(out, py::str(t.format(v, "f")).cast<std::string>());
    } else if (py::isinstance(v, t.datetime)) {
      return refuse("is a datetime (" + py::str(v).cast<std::string>() +
                    "); give a datetime.date or \"YYYY-MM-DD\" (a time of day is never dropped)");
    } else if (py::isinstance(v, t.date)) {
      append_string(out, v.attr("isoformat")().cast<std::string>());
    } else if (PyIndex_Check(o) && !PyBytes_Check(o)) {  // numpy integers
      py::object i = py::reinterpret_steal<py::object>(PyNumber_Index(o));
      if (!i) throw py::error_already_set();
      return integer(i);
    } else {
      return refuse("is a " + type_name(v) +
                    ", which no input takes (use Decimal or str for money and rates, int, "
                    "bool, str, datetime.date, dict, list, None)");
    }
    return true;
  }
};

}  // namespace

const PyTypes& PyTypes::get() {
  // Leaked on purpose: Python objects must not be released after the interpreter ends.
  static PyTypes* t = [] {
    auto* p = new PyTypes;
    p->decimal = py::module_::import("decimal").attr("Decimal");
    py::module_ dt = py::module_::import("datetime");
    p->date = dt.attr("date");
    p->datetime = dt.attr("datetime");
    p->format = py::module_::import("builtins").attr("format");
    return p;
  }();
  return *t;
}

bool to_json(py::handle value, std::string& out, Refusal& why) {
  Writer w{out, why};
  return w.value(value, 0);
}

std::string refusal_line(const Refusal& r) {
  return r.code + " " + r.message;
}

}  // namespace baopy
