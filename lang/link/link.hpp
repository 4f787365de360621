// Entry point of the link stage: a policy file in, one Module out that holds
// the policy, its parents (`extends`, overrides applied), the modules it uses
// and the policies it calls, each as a Unit; the checker then sees one
// program. Files are found under the policy roots and the embedded stdlib.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/diag/diagnostic.hpp"
#include "lang/syntax/ast.hpp"
#include "lang/syntax/parse.hpp"
#include "lang/syntax/parse_cache.hpp"

namespace bao {

// A file a FileSource found: the name shown in diagnostics and its bytes;
// `unreadable` when it exists but cannot be read (E0005, with `why` if
// known), `too_large` (its size) instead of the text when over the limit (E0003).
struct FoundFile {
  std::string name, text;
  bool unreadable = false;
  std::string why;
  std::optional<uintmax_t> too_large;
};

// Where the linker finds `a.b.c`, asked for as "a/b/c.bao": folders on disk
// (disk_files.cpp), or a host's loader. The linker itself reads no file and
// never the working folder.
class FileSource {
 public:
  virtual ~FileSource() = default;
  // nullopt when there is no such file; the stdlib is searched next.
  virtual std::optional<FoundFile> find(const std::string& rel, size_t max_bytes) = 0;
  // The `= help:` of a file not found: what was searched.
  virtual std::string searched() const = 0;
  // Told the root policy's own relative path ("cn/js/city.bao") once parsed.
  virtual void root_named(const std::string& rel) {}
};

// Folders searched for a/b/c.bao in order. With `root_path`, the folder that
// file sits in by its policy name (…/cn/js/city.bao for `cn.js.city`) is
// searched too, so a policy checked on its own finds its parents.
std::unique_ptr<FileSource> disk_files(std::vector<std::string> roots, std::string root_path = {});

struct LinkOptions {
  FileSource* files = nullptr;  // nullptr: the embedded standard library only
  ParseLimits parse;
  size_t max_files = 512;  // files one policy may gather
  // Files parsed by earlier links, shared (nullptr: each file parsed here).
  ParseCache* cache = nullptr;
};

// Links the policy in `root` (already added to `sources`). Problems are
// reported to `diags`; the result is complete only when none is an error.
// `keys`, when given, receives each file's canonical name by FileId: the
// relative path it was found under ("cn/common.bao"), the root's from its
// policy name, for fingerprints that do not depend on where files sit.
Module link_policy(SourceSet& sources, FileId root, DiagSink& diags, const LinkOptions& options,
                   std::vector<std::string>* keys = nullptr);

// The default policy root for a file: the nearest enclosing folder named
// `policies`, else the file's own folder.
std::string default_root(const std::string& policy_path);

}  // namespace bao
