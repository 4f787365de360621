#include "tools/rows/cases.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "tools/rows/json_text.hpp"

namespace bao::rows {

namespace {

using Node = CsvCases::Node;

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t at = 0;
  for (;;) {
    size_t end = s.find(sep, at);
    out.emplace_back(s.substr(at, end == std::string_view::npos ? s.size() - at : end - at));
    if (end == std::string_view::npos) return out;
    at = end + 1;
  }
}

std::string names(const std::vector<Schema>& fields) {
  std::string out;
  for (const Schema& f : fields)
    out += (out.empty() ? "`" : ", `") + f.name + "`";
  return out;
}

const Schema* find(const std::vector<Schema>& fields, std::string_view name) {
  for (const Schema& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

// Puts a leaf for `path` (already resolved against `fields`) under `node`.
std::string place(Node& node, const std::vector<Schema>& fields,
                  const std::vector<std::string>& path, size_t at, int column,
                  std::string_view whole) {
  const Schema* s = find(fields, path[at]);
  if (!s)
    return fmt::format("column `{}`: `{}` is not {} (there are {})", whole, path[at],
                       at == 0 ? "an input of the policy" : "a field of the record", names(fields));
  Node* child = nullptr;
  for (Node& c : node.children)
    if (c.key == s->name) child = &c;
  if (!child) {
    child = &node.children.emplace_back();
    child->key = s->name;
  }
  bool last = at + 1 == path.size();
  if (s->kind == Kind::record) {
    if (last)
      return fmt::format("column `{}` is a record: give its fields as columns ({})", whole,
                         names(s->fields));
    return place(*child, s->fields, path, at + 1, column, whole);
  }
  if (!last)
    return fmt::format("column `{}`: `{}` is a {}, it has no fields", whole, path[at],
                       s->type_name);
  if (s->kind == Kind::list) {
    const Schema& item = s->fields.at(0);
    if (item.kind == Kind::record || item.kind == Kind::list)
      return fmt::format(
          "column `{}` is a list of records: give one row per item and group them "
          "(--group-by COLUMN --list {})",
          whole, s->name);
    child->list = true;
    child->kind = item.kind;
  } else {
    child->kind = s->kind;
  }
  child->column = column;
  return {};
}

// The first required leaf under `fields` that `node` does not read.
std::optional<std::string> missing(const Node& node, const std::vector<Schema>& fields,
                                   const std::string& prefix, std::string_view skip) {
  for (const Schema& f : fields) {
    if (f.optional || f.name == skip) continue;
    const Node* child = nullptr;
    for (const Node& c : node.children)
      if (c.key == f.name) child = &c;
    std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    if (!child) return path;
    if (f.kind == Kind::record)
      if (auto m = missing(*child, f.fields, path, {})) return m;
  }
  return std::nullopt;
}

bool is_int(std::string_view s) {
  size_t i = s.size() > 1 && s[0] == '-' ? 1 : 0;
  if (s.size() == i || s.size() - i > 19) return false;
  return std::all_of(s.begin() + i, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void append_scalar(std::string& out, Kind kind, std::string_view cell) {
  bool raw = (kind == Kind::boolean && (cell == "true" || cell == "false")) ||
             (kind == Kind::integer && is_int(cell));
  if (raw)
    out += cell;
  else
    append_json_string(out, cell);  // the reader names the path if it is wrong
}

// Appends the members of `node` read from `row`; false when none had a value.
bool append_members(std::string& out, const Node& node, const std::vector<std::string>& row) {
  bool first = true;
  for (const Node& c : node.children) {
    size_t mark = out.size();
    if (!first) out += ',';
    append_json_string(out, c.key);
    out += ':';
    if (c.column < 0) {
      out += '{';
      if (!append_members(out, c, row)) {
        out.resize(mark);
        continue;
      }
      out += '}';
    } else {
      const std::string& cell = row[c.column];
      if (c.list) {
        out += '[';
        if (!cell.empty()) {
          size_t at = 0;
          for (bool more = true; more;) {
            size_t end = cell.find('|', at);
            more = end != std::string::npos;
            if (at) out += ',';
            append_scalar(out, c.kind,
                          std::string_view(cell).substr(at, more ? end - at : std::string::npos));
            at = end + 1;
          }
        }
        out += ']';
      } else if (cell.empty()) {
        out.resize(mark);  // absent: none for an optional field, E0801 otherwise
        continue;
      } else {
        append_scalar(out, c.kind, cell);
      }
    }
    first = false;
  }
  return !first;
}

}  // namespace

std::optional<CsvCases> CsvCases::make(const Policy& policy, const std::vector<std::string>& header,
                                       const Spec& spec, std::string& error) {
  CsvCases plan;
  plan.width_ = header.size();
  plan.header_ = header;
  plan.list_ = spec.list;
  std::vector<Schema> inputs = policy.inputs();
  const std::vector<Schema>* item_fields = nullptr;
  if (!spec.list.empty()) {
    const Schema* l = find(inputs, spec.list);
    if (!l || l->kind != Kind::list || l->fields.at(0).kind != Kind::record) {
      error =
          fmt::format("--list `{}`: the policy has no input that is a list of records", spec.list);
      return std::nullopt;
    }
    item_fields = &l->fields[0].fields;
    plan.item_.key = spec.list;
  }
  auto index = [&](std::string_view name) -> std::optional<size_t> {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return std::nullopt;
    return it - header.begin();
  };
  for (size_t i = 0; i < header.size(); ++i)
    if (std::find(header.begin() + i + 1, header.end(), header[i]) != header.end()) {
      error = fmt::format("column `{}` appears twice in the header", header[i]);
      return std::nullopt;
    }
  for (const std::string& id : spec.ids) {
    auto at = index(id);
    if (!at) {
      error = fmt::format("--id `{}`: no such column in the header", id);
      return std::nullopt;
    }
    plan.ids_.push_back(*at);
  }
  if (!spec.group_by.empty()) {
    auto at = index(spec.group_by);
    if (!at) {
      error = fmt::format("--group-by `{}`: no such column in the header", spec.group_by);
      return std::nullopt;
    }
    plan.group_ = *at;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    bool is_id =
        std::find(plan.ids_.begin(), plan.ids_.end(), i) != plan.ids_.end() || i == plan.group_;
    std::vector<std::string> path = split(name, '.');
    if (item_fields && path.size() > 1 && path[0] == spec.list) {
      path.erase(path.begin());
      error = place(plan.item_, *item_fields, path, 0, static_cast<int>(i), name);
    } else if (is_id && !find(inputs, path[0])) {
      continue;  // an id only
    } else {
      error = place(plan.root_, inputs, path, 0, static_cast<int>(i), name);
      if (error.empty()) plan.values_.push_back(i);
    }
    if (!error.empty()) {
      if (!is_id) error += "; an id column to carry to the output is named with --id";
      return std::nullopt;
    }
  }
  if (auto m = missing(plan.root_, inputs, "", spec.list)) {
    error = fmt::format("no column gives the required input `{}`", *m);
    return std::nullopt;
  }
  if (item_fields)
    if (auto m = missing(plan.item_, *item_fields, spec.list, {})) {
      error = fmt::format("no column gives the required field `{}` of the list's items", *m);
      return std::nullopt;
    }
  return plan;
}

void CsvCases::row_case(const std::vector<std::string>& row, std::string& json) const {
  json += '{';
  append_members(json, root_, row);
  json += '}';
}

bool CsvCases::group_case(const std::vector<const std::vector<std::string>*>& rows,
                          std::string& json, std::string& error) const {
  const std::vector<std::string>& first = *rows.front();
  for (size_t r = 1; r < rows.size(); ++r)
    for (size_t c : values_)
      if ((*rows[r])[c] != first[c]) {
        error = fmt::format(
            "column `{}` differs within the group: `{}` on its first row, `{}` "
            "on its row {}; a group's rows must agree on every column that is "
            "not a field of `{}`",
            header_[c], first[c], (*rows[r])[c], r + 1, list_);
        return false;
      }
  json += '{';
  if (append_members(json, root_, first)) json += ',';
  append_json_string(json, list_);
  json += ":[";
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r) json += ',';
    json += '{';
    append_members(json, item_, *rows[r]);
    json += '}';
  }
  json += "]}";
  return true;
}

std::string CsvCases::column_of(std::string_view path, size_t* item) {
  if (path.substr(0, 2) == "$.") path.remove_prefix(2);
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '[') {
      out += path[i];
      continue;
    }
    size_t close = path.find(']', i);
    if (close == std::string_view::npos) break;
    if (item) {
      *item = 0;
      for (char c : path.substr(i + 1, close - i - 1))
        if (c >= '0' && c <= '9') *item = *item * 10 + (c - '0');
    }
    i = close;
  }
  return out;
}

}  // namespace bao::rows
