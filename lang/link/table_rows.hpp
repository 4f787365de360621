// The rows of an inherited table while a file's row overrides change them.
// Each override finds the rows that hold its variants through an index, not
// a scan of the table, so n overrides of an n-row table cost O(n): removed
// keys and rows are only marked, and `finish` writes the table back once.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lang/syntax/ast.hpp"

namespace bao {

class TableRows {
 public:
  // Starts from the table's rows as they are; a row with no keys that is not
  // `else` goes (as at any override).
  explicit TableRows(const TableDecl& table);
  // The first row, in table order, holding `key` that a declaration of
  // `file` other than the one at `begin` put in; null if none.
  const TableRow* overridden(const TableDecl& table, const std::string& key, FileId file,
                             uint32_t begin) const;
  // The row's variants leave the rows that held them (a row left without
  // keys goes); then the row is added last.
  void replace(TableDecl& table, TableRow row);
  // Writes the table back without what was taken out.
  void finish(TableDecl& table) const;

 private:
  std::vector<std::vector<bool>> key_gone_;  // by row, by key
  std::vector<size_t> keys_left_;            // by row
  std::vector<bool> row_gone_;
  // Each variant name: the (row, key) places that still hold it, in table order.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> where_;
  void add(const TableRow& row);
};

}  // namespace bao
