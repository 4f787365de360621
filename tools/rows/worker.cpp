#include "tools/rows/worker.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lang/source/source.hpp"
#include "tools/rows/csv.hpp"
#include "tools/rows/json_text.hpp"
#include "tools/rows/members.hpp"

namespace bao::rows {

Worker::Worker(const Context& ctx) : ctx_(ctx), session_(*ctx.policy), inputs_(*ctx.policy) {}

namespace {

bool fail(Failure& f, std::string code, std::string message) {
  f.code = std::move(code);
  f.message = std::move(message);
  return false;
}

}  // namespace

RowCheck check_row(const Row& row, const CsvCases* csv, std::vector<std::string>& fields) {
  RowCheck c;
  if (row.too_large) {
    c.code = "E1107";
    c.message = "the row is longer than --max-input-bytes allows; it was skipped";
    return c;
  }
  std::string bad;
  if (csv) {
    bad = split_csv(row.text, fields);
    c.complete = bad.empty() ? fields.size() : fields.size() - 1;
  }
  if (size_t at = find_invalid_utf8(row.text); at != std::string_view::npos) {
    c.code = "E1103";
    c.message = fmt::format("the row is not valid UTF-8 (byte {} of the row{})", at + 1,
                            row.text[at] == '\0' ? " is a NUL" : "");
  } else if (!bad.empty()) {
    c.code = "E1101";
    c.message = "malformed CSV row: " + bad;
  } else if (csv && fields.size() != csv->width()) {
    c.code = "E1101";
    c.message =
        fmt::format("the row has {} fields, the header has {}", fields.size(), csv->width());
  }
  return c;
}

bool Worker::prepare_row(const Row& row, std::vector<Id>& ids, Failure& f) {
  const Spec& spec = ctx_.options->spec;
  json_.clear();
  RowCheck check = check_row(row, ctx_.csv ? &*ctx_.csv : nullptr, fields_);
  if (ctx_.csv && check.code != "E1107")
    // The ids of a broken row, as far as they can be read, so it can be found.
    for (size_t c : ctx_.csv->id_columns()) {
      bool readable = c < check.complete && find_invalid_utf8(fields_[c]) == std::string::npos;
      ids.push_back({readable ? fields_[c] : std::string(), false});
    }
  if (!check.code.empty()) return fail(f, std::move(check.code), std::move(check.message));
  if (ctx_.csv) {
    ctx_.csv->row_case(fields_, json_);
    return true;
  }
  if (spec.ids.empty()) {
    json_ = row.text;  // as `bao run` reads it
    return true;
  }
  auto members = object_members(row.text);
  if (!members) {
    json_ = row.text;  // let the policy's reader say what is wrong with it
    ids.resize(spec.ids.size());
    for (Id& id : ids)
      id.json = true;
    return true;
  }
  for (const std::string& name : spec.ids) {
    auto it = std::find_if(members->begin(), members->end(),
                           [&](const Member& m) { return m.key == name; });
    ids.push_back({it == members->end() ? std::string() : std::string(it->value), true});
    if (it == members->end())
      return fail(f, "E1106", fmt::format("the row has no id member `{}`", name));
  }
  json_ += '{';
  for (const Member& m : *members) {
    bool id_only = std::find(spec.ids.begin(), spec.ids.end(), m.key) != spec.ids.end() &&
                   std::find(ctx_.input_names.begin(), ctx_.input_names.end(), m.key) ==
                       ctx_.input_names.end();
    if (id_only) continue;
    if (json_.size() > 1) json_ += ',';
    append_json_string(json_, m.key);
    json_ += ':';
    json_ += m.value;
  }
  json_ += '}';
  return true;
}

bool Worker::prepare_group(const Unit& unit, std::vector<Id>& ids, Failure& f) {
  const Row& first = unit.rows.front();
  ids.push_back({first.key, !ctx_.csv});
  if (!unit.error_code.empty()) return fail(f, unit.error_code, unit.error_message);
  for (const Row& row : unit.rows)
    if (!row.error_code.empty())
      return fail(f, row.error_code,
                  unit.rows.size() == 1
                      ? row.error_message
                      : fmt::format("the group's row at line {}: {}", row.line, row.error_message));
  json_.clear();
  if (ctx_.csv) {
    group_.resize(unit.rows.size());
    for (size_t i = 0; i < unit.rows.size(); ++i)
      group_[i] = &unit.rows[i].fields;
    std::string why;
    if (!ctx_.csv->group_case(group_, json_, why)) return fail(f, "E1104", why);
    return true;
  }
  // JSON Lines: fields are {key, the case's members, the list item}.
  for (const Row& row : unit.rows)
    if (row.fields[1] != first.fields[1])
      return fail(f, "E1104",
                  fmt::format("the row at line {} differs from the group's first row (line {}) "
                              "outside `{}`; a group's rows must agree on every other member",
                              row.line, first.line, ctx_.options->spec.list));
  json_ += '{';
  json_ += first.fields[1];
  if (!first.fields[1].empty()) json_ += ',';
  append_json_string(json_, ctx_.options->spec.list);
  json_ += ":[";
  for (size_t i = 0; i < unit.rows.size(); ++i) {
    if (i) json_ += ',';
    json_ += unit.rows[i].fields[2];
  }
  json_ += "]}";
  return true;
}

void Worker::failure_of(const Diagnostic& d, const Unit& unit, Failure& f) const {
  f.code = d.code;
  f.message = d.message;
  if (!d.path.empty()) {
    size_t item = SIZE_MAX;
    std::string column = CsvCases::column_of(d.path, &item);
    f.path = ctx_.csv ? std::move(column) : d.path;
    if (ctx_.grouped && item < unit.rows.size()) {
      f.line = unit.rows[item].line;
      f.message += fmt::format(" (the group's row at line {})", f.line);
    }
  } else if (d.has_place()) {
    f.path = fmt::format("{}:{}:{}", d.file, d.start.line, d.start.column);
  }
}

bool Worker::evaluate(Failure& f, const Unit& unit) {
  std::vector<Diagnostic> diags = inputs_.set_json(json_);
  for (const Diagnostic& d : diags)
    if (d.severity == Severity::error) {
      failure_of(d, unit, f);
      return false;
    }
  if (!session_.evaluate(inputs_, ctx_.options->run)) {
    Result r = session_.result();
    if (r.error()) failure_of(*r.error(), unit, f);
    if (f.code.empty()) fail(f, "E0850", "the evaluation failed and said nothing");
    return false;
  }
  return true;
}

void Worker::run(const Unit& unit, Written& out) {
  std::vector<Id> ids;
  Failure f;
  f.line = unit.rows.front().line;
  bool ok = ctx_.grouped ? prepare_group(unit, ids, f) : prepare_row(unit.rows.front(), ids, f);
  if (ok) ok = evaluate(f, unit);
  // A row that failed before its ids were read still has a cell for each.
  ids.resize(ctx_.id_names.size(), Id{std::string(), !ctx_.csv});
  out.rows += unit.rows.size();
  ++out.cases;
  emit(out, ids, ctx_.grouped ? unit.rows.size() : 0, ok ? nullptr : &f);
  if (!ok) {
    ++out.failed;
    out.failures.push_back(std::move(f));
  }
}

void Worker::emit(Written& w, const std::vector<Id>& ids, size_t group_rows, const Failure* f) {
  std::string& out = w.text;
  if (ctx_.options->out == RowFormat::csv) {
    size_t mark = out.size();
    for (const Id& id : ids) {
      out += ',';
      append_csv_cell(out, id.json ? cell_of(id.text) : id.text);
    }
    if (ctx_.grouped) fmt::format_to(std::back_inserter(out), ",{}", group_rows);
    if (f)
      ctx_.outputs.append_empty_csv(out);
    else
      ctx_.outputs.append_csv(out, session_);
    if (f)
      for (const std::string* cell : {&f->code, &f->path, &f->message}) {
        out += ',';
        append_csv_cell(out, *cell);
      }
    else
      out += ",,,";
    out.erase(mark, 1);
    out += '\n';
    return;
  }
  out += '{';
  bool first = true;
  auto key = [&](std::string_view name) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    out += ':';
  };
  for (size_t i = 0; i < ids.size(); ++i) {
    key(ctx_.id_names[i]);
    if (!ids[i].json)
      append_json_string(out, ids[i].text);
    else
      out += ids[i].text.empty() ? "null" : ids[i].text;
  }
  if (ctx_.grouped) {
    key("rows");
    out += std::to_string(group_rows);
  }
  if (!f) {
    if (!first) out += ',';
    ctx_.outputs.append_json(out, session_);
  } else {
    key("error_code");
    append_json_string(out, f->code);
    key("error_path");
    append_json_string(out, f->path);
    key("error_message");
    append_json_string(out, f->message);
  }
  out += "}\n";
}

}  // namespace bao::rows
