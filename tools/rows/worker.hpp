// Inside run_batch: what the reading thread hands to a worker, and the
// worker that turns each case into its output row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tools/rows/batch.hpp"
#include "tools/rows/outputs.hpp"

namespace bao::rows {

// One input row. For grouped rows the reading thread has already split it:
// `fields` are a CSV row's cells, or for JSON Lines {key, the case's
// members, the list item}; `error_code` set when it could not be.
struct Row {
  uint64_t line = 0, last_line = 0;
  std::string text;
  bool too_large = false;
  std::vector<std::string> fields;
  std::string key;
  std::string error_code, error_message;
};

// The checks every row passes before its fields are read: E1107 (too
// large), E1103 (not UTF-8), and for CSV E1101 (malformed, or not as wide as
// the header). A CSV row is split into `fields` even when it fails, so its
// ids can still be read: the first `complete` fields are whole.
struct RowCheck {
  std::string code, message;
  size_t complete = 0;
};
RowCheck check_row(const Row& row, const CsvCases* csv, std::vector<std::string>& fields);

// The rows of one case: one row, or a group.
struct Unit {
  std::vector<Row> rows;
  std::string error_code, error_message;  // a fault of the whole group
};

// What every worker shares, fixed before the first row.
struct Context {
  const Policy* policy = nullptr;
  const BatchOptions* options = nullptr;
  std::optional<CsvCases> csv;  // the CSV plan (CSV input)
  OutputPlan outputs;
  std::vector<std::string> id_names;
  std::vector<std::string> input_names;  // the policy's inputs
  bool grouped = false;
  Context(const Policy& p, const std::vector<std::string>& only) : policy(&p), outputs(p, only) {}
};

// The output of a chunk of cases.
struct Written {
  std::string text;
  uint64_t rows = 0, cases = 0, failed = 0;
  std::vector<Failure> failures;  // every failure's code and line, in order
};

class Worker {
 public:
  explicit Worker(const Context& ctx);
  void run(const Unit& unit, Written& out);

 private:
  struct Id {
    std::string text;
    bool json = false;  // `text` is a JSON value (from a JSON Lines row)
  };
  bool prepare_row(const Row& row, std::vector<Id>& ids, Failure& f);
  bool prepare_group(const Unit& unit, std::vector<Id>& ids, Failure& f);
  bool evaluate(Failure& f, const Unit& unit);
  void failure_of(const Diagnostic& d, const Unit& unit, Failure& f) const;
  void emit(Written& out, const std::vector<Id>& ids, size_t group_rows, const Failure* f);

  const Context& ctx_;
  Session session_;
  Inputs inputs_;
  std::string json_;
  std::vector<std::string> fields_;
  std::vector<const std::vector<std::string>*> group_;
};

}  // namespace bao::rows
