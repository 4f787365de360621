// Entry point of the syntax stage: source text in, a Module (our own AST) and
// syntax diagnostics out. Parsing recovers at declaration boundaries, so one
// run reports an error in every broken declaration.
#pragma once

#include "lang/base/limits.hpp"
#include "lang/diag/diagnostic.hpp"
#include "lang/syntax/ast.hpp"

namespace bao {

Module parse_module(const SourceSet& sources, FileId file, DiagSink& diags,
                    const ParseLimits& limits = {});

// Parses one more file into `module`: its expressions and types join the
// module's arenas (ids stay unique across files), its declarations are
// appended and its header, if any, replaces `module.header`. The linker uses
// this to gather a policy, its parents and its modules into one arena.
void parse_into(Module& module, const SourceSet& sources, FileId file, DiagSink& diags,
                const ParseLimits& limits = {});

}  // namespace bao
