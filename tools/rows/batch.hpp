// A population through one policy: rows in (JSON Lines or CSV), one output
// row per case out, in input order, evaluated on several threads in bounded
// memory. A row that fails becomes an error row; no row is lost or repeated.
// Used by `bao batch` and reusable by any host that has rows as text.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lang/api/bao.hpp"
#include "tools/rows/cases.hpp"
#include "tools/rows/reader.hpp"

namespace bao::rows {

enum class RowFormat { jsonl, csv };

struct Progress {
  uint64_t rows = 0, cases = 0, failed = 0, bytes = 0;  // done so far, bytes read
};

struct BatchOptions {
  RowFormat in = RowFormat::jsonl, out = RowFormat::jsonl;
  Spec spec;                         // ids, and the grouping of rows into one case
  std::vector<std::string> outputs;  // the outputs to write; empty: all
  RunOptions run;
  unsigned threads = 0;  // 0: one per core
  size_t chunk = 64;     // cases a thread takes at a time
  // Called on the writing thread after each chunk is written.
  std::function<void(const Progress&)> progress;
};

struct Failure {
  uint64_t line = 0;  // the input line of the row (a group's first row)
  std::string code, path, message;
};

struct Summary {
  uint64_t rows = 0;    // input rows read (blank lines are not rows)
  uint64_t blank = 0;   // blank lines skipped
  uint64_t cases = 0;   // output rows written
  uint64_t failed = 0;  // output rows that are errors
  std::map<std::string, uint64_t> failed_by_code;
  std::vector<Failure> first_failures;  // the first ten, in input order
  // Why the run stopped early — a header that fits no input, an unreadable
  // input, an output that cannot be written — or empty.
  std::string fatal;
  bool usage = false;  // `fatal` is the caller's mistake (exit 2), not the data's
};

// Writes `text` on; false when it cannot (the run then stops).
using Sink = std::function<bool(std::string_view text)>;

Summary run_batch(const Policy& policy, RecordReader& in, const Sink& out,
                  const BatchOptions& options);

}  // namespace bao::rows
