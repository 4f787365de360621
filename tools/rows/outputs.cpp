#include "tools/rows/outputs.hpp"

#include <algorithm>
#include <numeric>

#include "tools/rows/csv.hpp"
#include "tools/rows/json_text.hpp"

namespace bao::rows {

std::string OutputPlan::unknown(const Policy& policy, const std::vector<std::string>& only) {
  std::vector<std::string> names = policy.output_names();
  for (const std::string& n : only)
    if (std::find(names.begin(), names.end(), n) == names.end()) return n;
  return {};
}

OutputPlan::OutputPlan(const Policy& policy, const std::vector<std::string>& only) {
  std::vector<Schema> all = policy.outputs(), outputs;
  for (Schema& o : all)
    if (only.empty() || std::find(only.begin(), only.end(), o.name) != only.end())
      outputs.push_back(std::move(o));
  for (size_t i = 0; i < outputs.size(); ++i) {
    handles_.push_back(*policy.output(outputs[i].name).value);
    names_.push_back(outputs[i].name);
    // Records become one column per scalar field, nested records too.
    auto flatten = [&](auto& self, const Schema& s, std::vector<std::string>& path,
                       const std::string& name) -> void {
      if (s.kind != Kind::record) {
        columns_.push_back(name);
        leaves_.push_back({i, path});
        return;
      }
      for (const Schema& f : s.fields) {
        path.push_back(f.name);
        self(self, f, path, name + "." + f.name);
        path.pop_back();
      }
    };
    std::vector<std::string> path;
    flatten(flatten, outputs[i], path, outputs[i].name);
  }
  json_order_.resize(names_.size());
  std::iota(json_order_.begin(), json_order_.end(), 0);
  std::sort(json_order_.begin(), json_order_.end(),
            [&](size_t a, size_t b) { return names_[a] < names_[b]; });
}

void OutputPlan::append_csv(std::string& out, const Session& r) const {
  std::string cell;
  size_t current = SIZE_MAX;
  Typed<OutputValue> value;
  for (const Leaf& leaf : leaves_) {
    if (leaf.output != current) {
      current = leaf.output;
      value = r.output_value(handles_[current]);
    }
    const OutputValue* v = value.value ? &*value.value : nullptr;
    for (const std::string& f : leaf.fields)
      v = v && v->kind == Kind::record ? v->field(f) : nullptr;
    out += ',';
    if (!v) continue;  // a record that is none: every field empty
    cell.clear();
    append_cell(cell, *v);
    append_csv_cell(out, cell);
  }
}

void OutputPlan::append_json(std::string& out, const Session& r) const {
  out += "\"outputs\":{";
  for (size_t k = 0; k < json_order_.size(); ++k) {
    size_t i = json_order_[k];
    if (k) out += ',';
    append_json_string(out, names_[i]);
    out += ':';
    Typed<OutputValue> v = r.output_value(handles_[i]);
    if (v.value)
      rows::append_json(out, *v.value);
    else
      out += "null";
  }
  out += '}';
}

}  // namespace bao::rows
