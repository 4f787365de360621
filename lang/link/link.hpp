// Entry point of the link stage: a policy file in, one Module out that holds
// the policy, its parents (`extends`, overrides applied), the modules it uses
// and the policies it calls, each as a Unit; the checker then sees one
// program. Files are found under the policy roots and the embedded stdlib.
#pragma once

#include <string>
#include <vector>

#include "lang/diag/diagnostic.hpp"
#include "lang/syntax/ast.hpp"
#include "lang/syntax/parse.hpp"

namespace bao {

struct LinkOptions {
  // Folders searched for `a.b.c` as a/b/c.bao, in order; the embedded
  // standard library is searched after them.
  std::vector<std::string> roots;
  ParseLimits parse;
  size_t max_files = 512;  // files one policy may gather
  // Also search the folder the root file sits in by its policy name
  // (…/cn/js/city.bao for `cn.js.city`). Only for a file read from disk.
  bool root_by_name = false;
};

// Links the policy in `root` (already added to `sources`). Problems are
// reported to `diags`; the result is complete only when none is an error.
Module link_policy(SourceSet& sources, FileId root, DiagSink& diags, const LinkOptions& options);

// The default policy root for a file: the nearest enclosing folder named
// `policies`, else the file's own folder.
std::string default_root(const std::string& policy_path);

}  // namespace bao
