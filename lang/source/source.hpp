// Source files as the rest of the pipeline sees them: a name, the UTF-8 text,
// and a line table. Spans are byte offsets into the text; line and column are
// computed only when a diagnostic or an explanation is rendered.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/location.hpp"

namespace bao {

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  LineCol line_col(uint32_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

// Every file of one compilation; FileId indexes into it. Files are never
// removed, so references stay valid for the life of the set.
class SourceSet {
 public:
  FileId add(std::string name, std::string text);
  const SourceFile& file(FileId id) const { return *files_[id]; }
  size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

// Position of the first byte that is not valid UTF-8, or npos when the text is
// valid. NUL bytes count as invalid: no policy needs one.
size_t find_invalid_utf8(std::string_view text);

// Columns a terminal uses to show the text (CJK and full-width forms take two).
size_t display_width(std::string_view text);

}  // namespace bao
