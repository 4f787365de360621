// From the columns of a CSV file to the case JSON a policy reads: each
// column names an input by path (`claim.in_scope`, `identities` with items
// written `a|b`), an id carried to the output, or — when rows are grouped —
// a field of the list input the group's rows become (`claims.total`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/api/bao.hpp"

namespace bao::rows {

struct Spec {
  std::vector<std::string> ids;  // --id: carried to the output row
  std::string group_by;          // --group-by: rows with the same value are one case
  std::string list;              // --list: the list input those rows fill
};

class CsvCases {
 public:
  // The plan for a header; nullopt with `error` set when a column names no
  // input, a required input has no column, or a column appears twice.
  static std::optional<CsvCases> make(const Policy& policy, const std::vector<std::string>& header,
                                      const Spec& spec, std::string& error);
  size_t width() const { return width_; }
  const std::vector<size_t>& id_columns() const { return ids_; }
  size_t group_column() const { return group_; }
  // The case of one row.
  void row_case(const std::vector<std::string>& row, std::string& json) const;
  // The case of a group of rows: the first row's case columns (every row
  // must agree: else `error` names the column and the row, and it returns
  // false) and one item of the list per row.
  bool group_case(const std::vector<const std::vector<std::string>*>& rows, std::string& json,
                  std::string& error) const;
  // A column name for a JSON path the reader reported ("$.claim.total" →
  // "claim.total"; "$.claims[2].total" → "claims.total", row 2).
  static std::string column_of(std::string_view json_path, size_t* item = nullptr);

  struct Node {
    std::string key;
    int column = -1;  // a leaf: the column it is read from
    Kind kind = Kind::none;
    bool list = false;  // a list of scalars, items separated by `|`
    std::vector<Node> children;
  };

 private:
  size_t width_ = 0, group_ = SIZE_MAX;
  std::vector<std::string> header_;
  std::vector<size_t> ids_;
  std::vector<size_t> values_;  // the columns of the case (not list items)
  Node root_, item_;
  std::string list_;
};

}  // namespace bao::rows
