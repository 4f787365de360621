#include "tools/rows/csv.hpp"

namespace bao::rows {

std::string split_csv(std::string_view record, std::vector<std::string>& fields) {
  fields.clear();
  size_t i = 0, n = record.size();
  for (;;) {
    std::string& f = fields.emplace_back();
    if (i < n && record[i] == '"') {
      size_t open = i++;
      for (;;) {
        if (i >= n)
          return "a quoted field (from byte " + std::to_string(open + 1) + ") is never closed";
        char c = record[i++];
        if (c != '"') {
          f += c;
        } else if (i < n && record[i] == '"') {
          f += '"';
          ++i;
        } else {
          break;
        }
      }
      if (i < n && record[i] != ',')
        return "text after the closing quote of field " + std::to_string(fields.size()) +
               " (a quote inside a field is written twice: \"\")";
    } else {
      size_t end = record.find(',', i);
      if (end == std::string_view::npos) end = n;
      std::string_view cell = record.substr(i, end - i);
      if (cell.find('"') != std::string_view::npos)
        return "a quote inside unquoted field " + std::to_string(fields.size()) +
               " (quote the whole field and write the quote twice: \"a \"\"b\"\"\")";
      f.assign(cell);
      i = end;
    }
    if (i >= n) return {};
    ++i;  // the comma
  }
}

void append_csv_cell(std::string& out, std::string_view cell) {
  bool quote = !cell.empty() && (cell.front() == ' ' || cell.back() == ' ');
  for (char c : cell)
    if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
  if (!quote) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace bao::rows
