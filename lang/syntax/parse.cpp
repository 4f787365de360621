// Drives the PEGTL grammar over one file: the header first, then one
// declaration at a time, skipping to the next declaration keyword after a
// syntax error. build_ast.cpp turns each parse tree into AST nodes.
#include "lang/syntax/parse.hpp"

#include <fmt/format.h>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/syntax/build_ast.hpp"
#include "lang/syntax/errors.hpp"

namespace bao {

namespace pg = tao::pegtl;
namespace g = grammar;

namespace {

constexpr std::string_view kDeclStarts[] = {"use",   "enum",  "record", "input",    "param",
                                            "table", "rule",  "output", "fn",       "schedule",
                                            "test",  "bound", "guide",  "override", "require"};

// Whether a declaration keyword starts at p.
bool opens_declaration(std::string_view text, size_t p) {
  for (std::string_view kw : kDeclStarts) {
    if (text.substr(p, kw.size()) == kw && p + kw.size() < text.size() &&
        (text[p + kw.size()] == ' ' || text[p + kw.size()] == '\t')) {
      return true;
    }
  }
  return false;
}

// The reserved word (grammar::keyword) that starts at p, or "".
std::string reserved_word_at(std::string_view text, size_t p) {
  if (p >= text.size()) return {};
  pg::memory_input in(text.data() + p, text.data() + text.size(), "");
  if (!pg::parse<g::keyword>(in)) return {};
  return std::string(text.substr(p, static_cast<size_t>(in.current() - (text.data() + p))));
}

// Where to resume after an error at `pos`: the error's own line when it opens
// a declaration and the error is at its start, else the next line that does.
size_t recover(std::string_view text, size_t pos) {
  size_t line = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  size_t p = line == std::string_view::npos ? 0 : line + 1;
  while (p < text.size() && (text[p] == ' ' || text[p] == '\t'))
    ++p;
  if (p >= pos && opens_declaration(text, p)) return p;
  for (size_t nl = text.find('\n', pos); nl != std::string_view::npos; nl = text.find('\n', p)) {
    p = nl + 1;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t'))
      ++p;
    if (opens_declaration(text, p)) return p;
  }
  return text.size();
}

struct Chunk {
  std::unique_ptr<ParseNode> root;
  size_t end;  // offset in the file just past what the rule matched
};

// PEGTL's parse_tree::parse, except for the rules that make no node of their
// own but hold rules that do (`literal`, `unary_expr`, an operator's
// `if_must`…): PEGTL gives each attempt of one a temporary node to collect
// its children, then moves them up or drops them. Here the children go
// straight to the parent, and a failed attempt cuts the parent's children
// back to where they were: the same tree, with no node made. Selected rules
// and leaves are handled by PEGTL's own code.
namespace pti = pg::parse_tree::internal;

struct TreeState : pti::state<ParseNode> {
  std::vector<size_t> marks;  // the parent's child count when each open rule began
};

template <template <typename...> class Selector, template <typename...> class Control>
struct tree_control {
  template <typename Rule, bool Selected, bool Leaf>
  struct handler : pti::make_control<ParseNode, Selector,
                                     Control>::template state_handler<Rule, Selected, Leaf> {};
  template <typename Rule>
  struct handler<Rule, false, false> : pg::remove_first_state<Control<Rule>> {
    static constexpr bool enable = true;
    template <typename ParseInput, typename... States>
    static void start(const ParseInput&, TreeState& s, States&&...) {
      s.marks.push_back(s.back()->children.size());
    }
    template <typename ParseInput, typename... States>
    static void success(const ParseInput&, TreeState& s, States&&...) {
      s.marks.pop_back();
    }
    template <typename ParseInput, typename... States>
    static void failure(const ParseInput&, TreeState& s, States&&...) {
      s.back()->children.resize(s.marks.back());
      s.marks.pop_back();
    }
    template <typename ParseInput, typename... States>
    static void unwind(const ParseInput&, TreeState& s, States&&...) {
      s.back()->children.resize(s.marks.back());
      s.marks.pop_back();
    }
  };
  template <typename Rule>
  using type = pg::rotate_states_right<handler<Rule, pti::is_selected_node<Rule, Selector>,
                                               pti::is_leaf<8, typename Rule::subs_t, Selector>>>;
};

template <typename Rule>
Chunk parse_chunk(std::string_view text, size_t pos, const std::string& name) {
  pg::memory_input in(text.data() + pos, text.data() + text.size(), name);
  TreeState state;
  std::unique_ptr<ParseNode> root;
  if (pg::parse<Rule, pg::nothing, tree_control<ast_selector, g::control>::type>(in, state))
    root = std::move(state.back());
  return {std::move(root), static_cast<size_t>(in.current() - text.data())};
}

// Nodes freed by this thread, for the next to reuse; a node's first bytes
// hold the link. At most the nodes one declaration needed at once.
struct FreeNodes {
  void* head = nullptr;
  ~FreeNodes() {
    while (head) {
      void* next = *static_cast<void**>(head);
      ::operator delete(head);
      head = next;
    }
  }
};
thread_local FreeNodes free_nodes;

}  // namespace

void* ParseNode::operator new(size_t size) {
  if (size != sizeof(ParseNode) || !free_nodes.head) return ::operator new(size);
  void* p = free_nodes.head;
  free_nodes.head = *static_cast<void**>(p);
  return p;
}

void ParseNode::operator delete(void* p, size_t size) noexcept {
  if (size != sizeof(ParseNode)) {
    ::operator delete(p);
    return;
  }
  *static_cast<void**>(p) = free_nodes.head;
  free_nodes.head = p;
}

Module parse_module(const SourceSet& sources, FileId file, DiagSink& diags,
                    const ParseLimits& limits) {
  Module module;
  parse_into(module, sources, file, diags, limits);
  return module;
}

void parse_into(Module& module, const SourceSet& sources, FileId file, DiagSink& diags,
                const ParseLimits& limits) {
  module.file = file;
  const SourceFile& src = sources.file(file);
  std::string_view text = src.text();
  if (text.size() > limits.max_file_bytes) {
    diags.add(DiagKind::file_too_large, {file, {0, 0, file}},
              fmt::format("the file has {} bytes, more than the limit of {}", text.size(),
                          limits.max_file_bytes));
    return;
  }
  if (size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    auto b = static_cast<uint32_t>(bad);
    diags
        .add(DiagKind::invalid_utf8, {file, {b, b + 1, file}},
             text[bad] == 0 ? "the file contains a NUL byte" : "the file is not valid UTF-8")
        .label = "this byte";
    return;
  }
  g::max_nesting = limits.max_nesting;
  AstBuilder builder(module, text, diags, limits.max_expr_depth);
  size_t pos = 0;
  auto report = [&](const pg::parse_error& e) {
    size_t at = pos + (e.positions().empty() ? 0 : e.positions().front().byte);
    auto b = static_cast<uint32_t>(std::min(at, text.size()));
    std::string msg(e.message());
    bool deep = msg == g::kNestingMessage;
    auto& d = diags.add(deep ? DiagKind::nesting_too_deep : DiagKind::syntax_error,
                        {file, {b, b + (b < text.size() ? 1u : 0u), file}}, msg);
    if (deep) d.help = "name the inner parts with `let` or separate rules";
    // (A declaration's keyword there more likely follows a missing `}`.)
    if (unsigned char c = b < text.size() ? static_cast<unsigned char>(text[b]) : 0;
        c >= 0x80 && d.help.empty()) {
      // Which character stopped the parser, by its code point.
      size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      char32_t cp = c & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F);
      for (size_t k = 1; k < n && b + k < text.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[b + k]) & 0x3F);
      d.help = fmt::format(
          "`{}` (U+{:04X}) is not a letter, digit or sign that Bao reads here; a name is made of "
          "letters (Latin, Greek, Cyrillic, kana, CJK, Hangul, Ⅰ Ⅱ Ⅲ), digits and `_`",
          text.substr(b, n), static_cast<uint32_t>(cp));
      if (cp == 0xD7 || cp == 0xF7)
        d.help = fmt::format("`{}` (U+{:04X}) is not an operator of Bao: write `{}`",
                             text.substr(b, n), static_cast<uint32_t>(cp), cp == 0xD7 ? '*' : '/');
    }
    if (std::string word = reserved_word_at(text, b);
        !word.empty() && !opens_declaration(text, b)) {
      // Where a name was due, a reserved word: say so, not just "expected".
      if (msg == "expected a name")
        d.message = fmt::format("`{}` is a reserved word and cannot be a name", word);
      else if (msg == "expected `}`")
        d.message =
            fmt::format("`{}` is a reserved word and cannot be a name here (expected `}}`)", word);
      d.help = fmt::format(
          "`{}` is reserved (docs/language.md lists the reserved words); if it is meant as a "
          "name, choose another, such as `{}_`",
          word, word);
    }
    return at;
  };
  try {
    Chunk c = parse_chunk<g::file_start>(text, 0, src.name());
    if (c.root) builder.header(*c.root);
    pos = c.end;
  } catch (const pg::parse_error& e) {
    pos = recover(text, report(e));
  }
  while (pos < text.size()) {
    // Blanks and comments between declarations.
    pg::memory_input in(text.data() + pos, text.data() + text.size(), src.name());
    pg::parse<g::sep>(in);
    pos = static_cast<size_t>(in.current() - text.data());
    if (pos >= text.size()) break;
    try {
      Chunk c = parse_chunk<g::one_declaration>(text, pos, src.name());
      if (c.root) builder.declaration(*c.root);
      pos = c.end;
    } catch (const pg::parse_error& e) {
      pos = recover(text, report(e));
    }
  }
}

}  // namespace bao
