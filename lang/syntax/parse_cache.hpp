// Files parsed once and shared between the links of one run: `bao check`
// over many policies, or a host loading several policies that extend the
// same parents and use the same modules. Each file is parsed alone into an
// arena of its own; a link copies it into the policy's arena, ids and spans
// moved, as if parse_into had parsed it there.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/base/limits.hpp"
#include "lang/diag/diagnostic.hpp"
#include "lang/syntax/ast.hpp"

namespace bao {

// One file parsed alone, as file 0 of its own arena, with the syntax
// diagnostics the parse gave (all of them, whatever the limit of the sink
// they are later replayed into).
struct ParsedFile {
  SourceSet source;  // the file alone, as file 0
  ParseLimits limits;
  Module ast;
  std::vector<Diag> diags;
};

// Keyed by content: a file is reused only when its name, its bytes and the
// parse limits are the ones it was parsed with, so a changed file is parsed
// again, never served stale. Safe to share between threads (a lookup holds
// the lock while the file is parsed); entries live until clear().
class ParseCache {
 public:
  // The parsed form of `file` under `limits`, parsed on the first ask.
  std::shared_ptr<const ParsedFile> get(const SourceFile& file, const ParseLimits& limits);
  size_t parses() const;  // files parsed
  size_t reuses() const;  // times a parsed file was served again
  void clear();

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<const ParsedFile>>> by_name_;
  size_t parses_ = 0, reuses_ = 0;
};

// Parses `file` into `module` as parse_into does, through `cache` when given:
// the same arenas, declarations, header and diagnostics, byte for byte.
void parse_into(Module& module, const SourceSet& sources, FileId file, DiagSink& diags,
                const ParseLimits& limits, ParseCache* cache);

// Appends a file parsed alone (as file `parsed.file`) to `module`'s arenas as
// file `as`: expression and type ids shift by the arenas' sizes, every span
// names `as`; its declarations are appended and its header, if any,
// replaces `module.header`.
void append_parsed(Module& module, const Module& parsed, FileId as);

}  // namespace bao
