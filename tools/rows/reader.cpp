#include "tools/rows/reader.hpp"

#include <algorithm>
#include <cstring>

namespace bao::rows {

namespace {

constexpr size_t kBlock = 1 << 20;

bool blank(std::string_view s, bool csv) {
  if (csv) return s.empty();
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

RecordReader::RecordReader(std::FILE* f, bool csv, size_t max_record_bytes)
    : file_(f), csv_(csv), max_(max_record_bytes) {
  block_.resize(kBlock);
}

RecordReader::RecordReader(std::string_view text, bool csv, size_t max_record_bytes)
    : data_(text), csv_(csv), max_(max_record_bytes) {}

bool RecordReader::fill() {
  if (!file_) return false;
  size_t got = std::fread(block_.data(), 1, block_.size(), file_);
  if (got == 0) {
    if (std::ferror(file_)) failed_ = true;
    return false;
  }
  data_ = std::string_view(block_.data(), got);
  return true;
}

bool RecordReader::next(Record& r) {
  for (;;) {
    if (!read_one(r)) return false;
    if (r.too_large || !blank(r.text, csv_)) return true;
    ++blank_;
  }
}

bool RecordReader::read_one(Record& r) {
  r.text.clear();
  r.too_large = false;
  r.line = line_ + 1;
  bool any = false, quoted = false;
  for (;;) {
    if (data_.empty() && !fill()) {
      if (!any) return false;
      break;
    }
    if (first_) {
      first_ = false;
      if (data_.substr(0, 3) == "\xEF\xBB\xBF") {
        data_.remove_prefix(3);
        consumed_ += 3;
        continue;
      }
    }
    any = true;
    size_t stop = 0, n = data_.size();
    if (!csv_) {
      const void* nl = std::memchr(data_.data(), '\n', n);
      stop = nl ? static_cast<const char*>(nl) - data_.data() : n;
    } else {
      for (; stop < n; ++stop) {
        char c = data_[stop];
        if (c == '"') {
          quoted = !quoted;
        } else if (c == '\n') {
          if (!quoted) break;
          ++line_;  // inside quotes: part of the record
        }
      }
    }
    if (!r.too_large) {
      if (r.text.size() + stop > max_) {
        r.too_large = true;
        r.text.clear();
        r.text.shrink_to_fit();
      } else {
        r.text.append(data_.data(), stop);
      }
    }
    bool ended = stop < n;
    consumed_ += ended ? stop + 1 : stop;
    data_.remove_prefix(ended ? stop + 1 : stop);
    if (ended) {
      ++line_;
      break;
    }
  }
  if (!r.text.empty() && r.text.back() == '\r') r.text.pop_back();
  r.last_line = std::max(line_, r.line);
  return true;
}

}  // namespace bao::rows
