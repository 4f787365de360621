// The parse cache (parse_cache.hpp) and the copy of a file parsed alone into
// another module's arenas. The copy visits every node kind by overload, with
// no catch-all, so a new node kind or alternative that holds ids or spans
// fails to compile until it is moved here too.
#include "lang/syntax/parse_cache.hpp"

#include <cstdint>

#include "lang/syntax/parse.hpp"

namespace bao {

namespace {

// Moves one file's nodes into another arena: ids shift, spans change file.
struct Mover {
  FileId from, to;
  uint32_t expr_base, type_base;

  void span(Span& s) const {
    if (s.file == from) s.file = to;
  }
  void at(Location& l) const {
    if (l.file == from) l.file = to;
    span(l.span);
  }
  void id(ExprId& e) const {
    if (e.valid()) e.v += expr_base;
  }
  void id(TypeId& t) const {
    if (t.valid()) t.v += type_base;
  }
  void id(std::optional<ExprId>& e) const {
    if (e) id(*e);
  }
  void ids(std::vector<ExprId>& es) const {
    for (ExprId& e : es)
      id(e);
  }
  void name(Ident& i) const { span(i.span); }
  void name(std::optional<Ident>& i) const {
    if (i) name(*i);
  }
  void names(std::vector<Ident>& is) const {
    for (Ident& i : is)
      name(i);
  }
  void pattern(Pattern& p) const {
    name(p.qualifier);
    name(p.name);
    span(p.span);
  }
  void patterns(std::vector<Pattern>& ps) const {
    for (Pattern& p : ps)
      pattern(p);
  }

  // ---- types ----
  void kind(NamedType& t) const { name(t.name); }
  void kind(ListType& t) const { id(t.element); }
  void kind(OptionalType& t) const { id(t.inner); }
  void node(TypeNode& t) const {
    span(t.span);
    std::visit([this](auto& k) { kind(k); }, t.kind);
  }

  // ---- expressions ----
  void kind(Literal&) const {}
  void kind(NameRef& e) const { name(e.name); }
  void kind(FieldAccess& e) const {
    id(e.base);
    name(e.field);
  }
  void kind(Call& e) const {
    name(e.callee);
    for (CallArg& a : e.args) {
      name(a.label);
      id(a.value);
    }
  }
  void kind(Unary& e) const { id(e.operand); }
  void kind(Binary& e) const {
    id(e.lhs);
    id(e.rhs);
  }
  void kind(IfExpr& e) const {
    id(e.cond);
    id(e.then_branch);
    id(e.else_branch);
  }
  void kind(MatchExpr& e) const {
    id(e.scrutinee);
    for (MatchArm& a : e.arms) {
      patterns(a.patterns);
      id(a.body);
      span(a.span);
    }
  }
  void kind(LetExpr& e) const {
    name(e.name);
    id(e.value);
    id(e.body);
  }
  void kind(Lambda& e) const {
    names(e.params);
    id(e.body);
  }
  void kind(RecordLit& e) const {
    for (FieldInit& f : e.fields) {
      name(f.name);
      id(f.value);
    }
  }
  void kind(ListLit& e) const { ids(e.items); }
  void kind(Scan& e) const {
    id(e.list);
    name(e.by);
    id(e.init);
    names(e.params);
    id(e.body);
  }
  void node(ExprNode& e) const {
    span(e.span);
    std::visit([this](auto& k) { kind(k); }, e.kind);
  }

  // ---- declarations ----
  void kind(UseDecl& d) const {
    names(d.path);
    name(d.alias);
  }
  void kind(EnumDecl& d) const {
    for (Variant& v : d.variants)
      name(v.name);
  }
  void kind(RecordDecl& d) const {
    for (FieldDecl& f : d.fields) {
      name(f.name);
      id(f.type);
    }
  }
  void kind(InputDecl& d) const { id(d.type); }
  void kind(ParamDecl& d) const {
    id(d.type);
    id(d.value);
    for (DatedValue& v : d.dated) {
      name(v.from);
      name(v.until);
      id(v.value);
      span(v.span);
    }
  }
  void kind(TableDecl& d) const {
    id(d.key);
    for (Column& c : d.columns) {
      name(c.name);
      id(c.type);
    }
    for (TableRow& r : d.rows) {
      patterns(r.keys);
      ids(r.cells);
      span(r.span);
    }
  }
  void kind(RuleDecl& d) const {
    id(d.type);
    id(d.value);
  }
  void kind(FnDecl& d) const {
    for (FnParam& p : d.params) {
      name(p.name);
      id(p.type);
    }
    id(d.result);
    id(d.body);
  }
  void kind(ScheduleDecl& d) const {
    for (Band& b : d.bands) {
      id(b.lower);
      id(b.upper);
      id(b.rate);
      span(b.span);
    }
  }
  void kind(TestDecl& d) const {
    for (TestGiven& g : d.givens) {
      name(g.name);
      id(g.value);
    }
    ids(d.expects);
    for (ExpectError& e : d.errors)
      span(e.span);
    for (ExpectRow& r : d.rows) {
      name(r.table);
      pattern(r.key);
      span(r.span);
    }
  }
  void kind(BoundDecl& d) const { id(d.cond); }
  void kind(RequireDecl& d) const { id(d.cond); }
  void kind(RowOverride& d) const {
    patterns(d.keys);
    ids(d.cells);
  }
  void node(DeclNode& d) const {
    span(d.span);
    name(d.name);
    std::visit([this](auto& k) { kind(k); }, d.kind);
  }
  void node(PolicyHeader& h) const {
    span(h.span);
    names(h.name);
    if (h.extends) names(*h.extends);
    name(h.effective);
    name(h.rounding);
    id(h.as_of);
  }
  void node(Diag& d) const {
    at(d.loc);
    for (DiagNote& n : d.notes)
      at(n.loc);
  }
};

}  // namespace

void append_parsed(Module& module, const Module& parsed, FileId as) {
  Mover mv{parsed.file, as, static_cast<uint32_t>(module.exprs.size()),
           static_cast<uint32_t>(module.types.size())};
  module.file = as;
  // No reserve: the arenas grow geometrically over the files of a link.
  for (const ExprNode& e : parsed.exprs)
    mv.node(module.exprs.emplace_back(e));
  for (const TypeNode& t : parsed.types)
    mv.node(module.types.emplace_back(t));
  // Heights are of subtrees, the same wherever the file's nodes sit.
  module.expr_height.insert(module.expr_height.end(), parsed.expr_height.begin(),
                            parsed.expr_height.end());
  for (const DeclNode& d : parsed.decls)
    mv.node(module.decls.emplace_back(d));
  if (parsed.header) mv.node(module.header.emplace(*parsed.header));
}

std::shared_ptr<const ParsedFile> ParseCache::get(const SourceFile& file,
                                                  const ParseLimits& limits) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<const ParsedFile>>& same_name = by_name_[file.name()];
  for (const std::shared_ptr<const ParsedFile>& p : same_name) {
    if (p->limits == limits && p->source.file(0).text() == file.text()) {
      ++reuses_;
      return p;
    }
  }
  auto p = std::make_shared<ParsedFile>();
  FileId alone = p->source.add(file.name(), file.text());
  p->limits = limits;
  // Every diagnostic is kept: the sink it is replayed into applies its limit.
  DiagSink sink(SIZE_MAX);
  p->ast = parse_module(p->source, alone, sink, limits);
  p->diags = std::move(sink.all());
  ++parses_;
  same_name.push_back(p);
  return p;
}

size_t ParseCache::parses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return parses_;
}

size_t ParseCache::reuses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reuses_;
}

void ParseCache::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  by_name_.clear();
  parses_ = reuses_ = 0;
}

void parse_into(Module& module, const SourceSet& sources, FileId file, DiagSink& diags,
                const ParseLimits& limits, ParseCache* cache) {
  if (!cache) {
    parse_into(module, sources, file, diags, limits);
    return;
  }
  std::shared_ptr<const ParsedFile> parsed = cache->get(sources.file(file), limits);
  append_parsed(module, parsed->ast, file);
  Mover mv{parsed->ast.file, file, 0, 0};
  for (Diag d : parsed->diags) {
    mv.node(d);
    Diag& out = diags.add(d.kind, d.loc, std::move(d.message));
    out.label = std::move(d.label);
    out.help = std::move(d.help);
    out.notes = std::move(d.notes);
  }
}

}  // namespace bao
