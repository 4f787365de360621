// Reads a file of records — JSON Lines or CSV — one record at a time, in
// bounded memory: the only buffer is a fixed block and the current record.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace bao::rows {

// One record: its text without the line terminator (a CSV record may span
// lines inside quotes), and the lines it covers (1-based).
struct Record {
  uint64_t line = 0, last_line = 0;
  std::string text;
  bool too_large = false;  // longer than the limit: `text` is empty
};

class RecordReader {
 public:
  // `csv`: a line break inside double quotes does not end a record.
  // Reads `f` (not closed here); `text` instead reads that string.
  RecordReader(std::FILE* f, bool csv, size_t max_record_bytes);
  RecordReader(std::string_view text, bool csv, size_t max_record_bytes);
  // The next record that is not blank; false at the end or on a read error.
  // A UTF-8 byte-order mark at the start is skipped, a CR before the LF too.
  bool next(Record& r);
  bool failed() const { return failed_; }
  uint64_t bytes_read() const { return consumed_; }
  uint64_t blank_lines() const { return blank_; }

 private:
  bool fill();
  bool read_one(Record& r);
  std::FILE* file_ = nullptr;
  std::string block_;
  std::string_view data_;  // what is left of the block (or of the text)
  bool csv_, first_ = true, failed_ = false;
  size_t max_;
  uint64_t line_ = 0, consumed_ = 0, blank_ = 0;
};

}  // namespace bao::rows
