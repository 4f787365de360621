// The output side of a batch row: a policy's outputs as CSV columns (records
// flattened to `year_funds.total`, lists as JSON) or as a JSON object.
#pragma once

#include <string>
#include <vector>

#include "lang/api/bao.hpp"

namespace bao::rows {

class OutputPlan {
 public:
  // Every output, or only those named in `only` (in the policy's order).
  explicit OutputPlan(const Policy& policy, const std::vector<std::string>& only = {});
  // The first name in `only` that is not an output, or empty.
  static std::string unknown(const Policy& policy, const std::vector<std::string>& only);
  // The CSV columns, in the policy's output order.
  const std::vector<std::string>& columns() const { return columns_; }
  // Appends one cell per column, each after a comma.
  void append_csv(std::string& out, const Session& r) const;
  // Appends `"outputs":{…}` (names in byte order, as `bao run` has them).
  void append_json(std::string& out, const Session& r) const;
  // Appends as many empty cells as there are columns, each after a comma.
  void append_empty_csv(std::string& out) const { out.append(columns_.size(), ','); }

 private:
  struct Leaf {
    size_t output;                    // index into handles_
    std::vector<std::string> fields;  // the path inside a record output
  };
  std::vector<OutputHandle> handles_;
  std::vector<std::string> names_;
  std::vector<size_t> json_order_;
  std::vector<std::string> columns_;
  std::vector<Leaf> leaves_;
};

}  // namespace bao::rows
