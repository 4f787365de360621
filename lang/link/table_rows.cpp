#include "lang/link/table_rows.hpp"

namespace bao {

TableRows::TableRows(const TableDecl& table) {
  for (const TableRow& r : table.rows) {
    add(r);
    if (!r.is_else && r.keys.empty()) row_gone_.back() = true;
  }
}

void TableRows::add(const TableRow& row) {
  auto index = static_cast<uint32_t>(key_gone_.size());
  key_gone_.emplace_back(row.keys.size(), false);
  keys_left_.push_back(row.keys.size());
  row_gone_.push_back(false);
  for (uint32_t k = 0; k < row.keys.size(); ++k)
    where_[row.keys[k].name.text].push_back({index, k});
}

const TableRow* TableRows::overridden(const TableDecl& table, const std::string& key, FileId file,
                                      uint32_t begin) const {
  auto it = where_.find(key);
  if (it == where_.end()) return nullptr;
  for (auto [r, k] : it->second) {
    const TableRow& row = table.rows[r];
    if (row.span.file == file && row.span.begin != begin) return &row;
  }
  return nullptr;
}

void TableRows::replace(TableDecl& table, TableRow row) {
  for (const Pattern& key : row.keys) {
    auto it = where_.find(key.name.text);
    if (it == where_.end()) continue;
    for (auto [r, k] : it->second) {
      key_gone_[r][k] = true;
      if (--keys_left_[r] == 0 && !table.rows[r].is_else) row_gone_[r] = true;
    }
    where_.erase(it);
  }
  add(row);
  table.rows.push_back(std::move(row));
}

void TableRows::finish(TableDecl& table) const {
  std::vector<TableRow> rows;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (row_gone_[r]) continue;
    TableRow& row = table.rows[r];
    std::vector<Pattern> keys;
    for (size_t k = 0; k < row.keys.size(); ++k)
      if (!key_gone_[r][k]) keys.push_back(std::move(row.keys[k]));
    row.keys = std::move(keys);
    rows.push_back(std::move(row));
  }
  table.rows = std::move(rows);
}

}  // namespace bao
