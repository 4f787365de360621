// Gathers a policy's files into one Module: parses each file once into one
// arena, merges a chain of `extends` from the top parent down (applying each
// `override`), and loads every `use` as a unit of its own.
#include "lang/link/link.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "lang/link/stdlib.hpp"
#include "lang/link/table_rows.hpp"

namespace bao {

namespace {

struct File {
  FileId id;
  std::optional<PolicyHeader> header;
  std::vector<DeclNode> decls;
};

struct Entry {
  DeclNode decl;
  DeclId replaces;  // index into Module::replaced
};

std::string joined(const std::vector<Ident>& parts) {
  std::string out;
  for (const Ident& p : parts)
    out += (out.empty() ? "" : ".") + p.text;
  return out;
}

Span whole(const std::vector<Ident>& parts) {
  return {parts.front().span.begin, parts.back().span.end, parts.front().span.file};
}

class Linker {
 public:
  Linker(SourceSet& sources, DiagSink& diags, const LinkOptions& options)
      : sources_(sources), diags_(diags), opt_(options) {}

  std::vector<std::string> keys;  // by FileId

  Module run(FileId root) {
    File f = parse(root);
    std::string own_rel;
    if (f.header) {
      own_rel = joined(f.header->name);
      std::replace(own_rel.begin(), own_rel.end(), '.', '/');
      own_rel += ".bao";
      if (opt_.files) opt_.files->root_named(own_rel);
    }
    key(root, own_rel.empty() ? sources_.file(root).name() : own_rel);
    units_.push_back({});
    entries_.emplace_back();
    std::string name = f.header ? joined(f.header->name) : "";
    units_[0].name = name;
    build_policy(0, std::move(f));
    Module out;
    out.file = root;
    out.exprs = std::move(work_.exprs);
    out.types = std::move(work_.types);
    out.expr_height = std::move(work_.expr_height);
    out.header = units_[0].header;
    for (uint32_t u = 0; u < units_.size(); ++u) {
      for (Entry& e : entries_[u]) {
        out.decls.push_back(std::move(e.decl));
        out.decl_unit.push_back(u);
        out.decl_replaces.push_back(e.replaces);
      }
    }
    out.units = std::move(units_);
    out.replaced = std::move(replaced_);
    return out;
  }

 private:
  FileId key(FileId id, std::string k) {
    if (keys.size() <= id) keys.resize(id + 1);
    keys[id] = std::move(k);
    return id;
  }

  File parse(FileId id) {
    size_t first = work_.decls.size();
    work_.header.reset();
    parse_into(work_, sources_, id, diags_, opt_.parse, opt_.cache);
    File f{id, std::move(work_.header), {}};
    f.decls.assign(std::make_move_iterator(work_.decls.begin() + first),
                   std::make_move_iterator(work_.decls.end()));
    work_.decls.resize(first);
    return f;
  }

  Diag& error(DiagKind kind, Span at, std::string message) {
    return diags_.add(kind, loc(at), std::move(message));
  }

  // Finds `a.b.c` as a/b/c.bao under the roots, then in the stdlib.
  std::optional<FileId> find(const std::string& name, Span at) {
    std::string rel = name;
    std::replace(rel.begin(), rel.end(), '.', '/');
    rel += ".bao";
    if (++files_ > opt_.max_files) {
      error(DiagKind::module_not_found, at,
            fmt::format("`{}` would be file number {}, more than the limit of {}", name, files_,
                        opt_.max_files));
      return std::nullopt;
    }
    if (opt_.files) {
      if (std::optional<FoundFile> found = opt_.files->find(rel, opt_.parse.max_file_bytes)) {
        if (found->too_large) {
          error(DiagKind::file_too_large, at,
                fmt::format("`{}` has {} bytes, more than the limit of {}", found->name,
                            *found->too_large, opt_.parse.max_file_bytes));
          return std::nullopt;
        }
        if (found->unreadable) {
          error(DiagKind::unreadable_file, at,
                fmt::format("cannot read `{}`{}{}", found->name, found->why.empty() ? "" : ": ",
                            found->why));
          return std::nullopt;
        }
        return key(sources_.add(std::move(found->name), std::move(found->text)), rel);
      }
    }
    for (const StdlibFile& f : stdlib_files()) {
      if (f.path == rel) return key(sources_.add("stdlib/" + rel, std::string(f.text)), rel);
    }
    auto& d = error(DiagKind::module_not_found, at,
                    fmt::format("no file `{}` for `{}` under the policy roots or the standard "
                                "library",
                                rel, name));
    d.help = opt_.files ? opt_.files->searched()
                        : std::string("give the folder that holds it with `--root`");
    return std::nullopt;
  }

  // Reports a cycle when `name` is being loaded; true when it is.
  bool cycle(const std::string& name, Span at) {
    auto it = std::find(loading_.begin(), loading_.end(), name);
    if (it == loading_.end()) return false;
    std::vector<std::string> path(it, loading_.end());
    path.push_back(name);
    auto& d = error(DiagKind::import_cycle, at,
                    path.size() == 2
                        ? fmt::format("`{}` uses or extends itself", name)
                        : fmt::format("`{}` is part of a cycle: {}", name, fmt::join(path, " → ")));
    d.help = "a policy or module cannot depend on itself; move what they share into a module";
    return true;
  }

  // A policy unit: the file, its chain of parents merged, its uses loaded.
  void build_policy(uint32_t index, File root) {
    std::vector<File> chain;
    std::string own = root.header ? joined(root.header->name) : "";
    loading_.push_back(own);
    chain.push_back(std::move(root));
    while (chain.back().header && chain.back().header->extends) {
      const std::vector<Ident>& ext = *chain.back().header->extends;
      std::string name = joined(ext);
      if (cycle(name, whole(ext))) break;
      auto id = find(name, whole(ext));
      if (!id) break;
      File parent = parse(*id);
      if (!parent.header) {
        error(DiagKind::module_not_found, whole(ext),
              fmt::format("`{}` is a module, not a policy: only a policy can be extended", name))
            .help = fmt::format("bring its declarations in with `use {}`", name);
        break;
      }
      if (joined(parent.header->name) != name) {
        error(DiagKind::module_not_found, whole(ext),
              fmt::format("`{}` holds policy `{}`, not `{}`", sources_.file(*id).name(),
                          joined(parent.header->name), name));
        break;
      }
      loading_.push_back(name);
      chain.push_back(std::move(parent));
    }
    // A parent that could not be loaded has been reported; what its child
    // overrides is then not reported again as overriding nothing.
    bool complete = !(chain.back().header && chain.back().header->extends);
    parent_missing_ = !complete;
    std::vector<Entry> merged;
    std::unordered_map<std::string, size_t> by_name;
    std::vector<std::pair<UseDecl, Span>> uses;
    for (size_t k = chain.size(); k-- > 0;) {
      for (DeclNode& d : chain[k].decls) {
        if (auto* u = std::get_if<UseDecl>(&d.kind)) {
          uses.push_back({*u, d.span});
        } else if (std::holds_alternative<TestDecl>(d.kind) && (k != 0 || index != 0)) {
          continue;  // a parent's tests test the parent; a called policy's, that policy
        } else {
          apply(merged, by_name, std::move(d), chain[k].id);
        }
      }
    }
    for (auto& [at, rows] : rows_)
      rows.finish(std::get<TableDecl>(merged[at].decl.kind));
    rows_.clear();
    Unit& unit = units_[index];
    unit.policy = true;
    unit.header = chain.front().header;
    if (unit.header) {
      // Clauses a child does not restate come from its nearest parent.
      for (size_t k = 1; k < chain.size(); ++k) {
        const PolicyHeader& h = *chain[k].header;
        if (!unit.header->effective) unit.header->effective = h.effective;
        if (!unit.header->rounding) unit.header->rounding = h.rounding;
        if (!unit.header->as_of) unit.header->as_of = h.as_of;
      }
    }
    entries_[index] = std::move(merged);
    import_all(index, uses);
    loading_.resize(loading_.size() - chain.size());
  }

  // Adds one declaration of a file to what its parents gave.
  // `index` maps each name in `merged` to its place (the first, when a file
  // declares a name twice: the checker reports that).
  void apply(std::vector<Entry>& merged, std::unordered_map<std::string, size_t>& index, DeclNode d,
             FileId file) {
    auto at = d.name.text.empty() ? index.end() : index.find(d.name.text);
    auto found = at == index.end() ? merged.end() : merged.begin() + at->second;
    bool inherited = found != merged.end() && found->decl.span.file != file;
    if (auto* row = std::get_if<RowOverride>(&d.kind)) {
      override_row(merged, found, inherited, d, *row);
      return;
    }
    if (d.is_override) {
      if (found == merged.end() && parent_missing_) return;
      if (found == merged.end() || !inherited) {
        auto& diag =
            error(DiagKind::override_unknown, d.name.span,
                  found == merged.end()
                      ? fmt::format("`{}` overrides nothing: no parent declares it", d.name.text)
                  : found->decl.is_override
                      ? fmt::format("`{}` is overridden twice in this file", d.name.text)
                      : fmt::format("`{}` is declared in this file, so there is nothing "
                                    "inherited to override",
                                    d.name.text));
        diag.help = found == merged.end() ? "remove `override` to declare it here"
                                          : "override a name once per file";
        if (found != merged.end())
          diag.notes.push_back({loc(found->decl.name.span), found->decl.is_override
                                                                ? "first overridden here"
                                                                : "declared here"});
        return;
      }
      if (std::string(decl_kind_name(found->decl)) != decl_kind_name(d)) {
        auto& diag = error(DiagKind::override_mismatch, d.name.span,
                           fmt::format("`{}` is a {}; it cannot be overridden by a {}", d.name.text,
                                       decl_kind_name(found->decl), decl_kind_name(d)));
        diag.notes.push_back({loc(found->decl.name.span), "declared here"});
        return;
      }
      if (auto rows = rows_.find(at->second); rows != rows_.end()) {
        rows->second.finish(std::get<TableDecl>(found->decl.kind));
        rows_.erase(rows);
      }
      DeclId replaced{static_cast<uint32_t>(replaced_.size())};
      replaced_.push_back(std::move(found->decl));
      *found = Entry{std::move(d), replaced};
      return;
    }
    if (inherited) {
      auto& diag =
          error(DiagKind::missing_override, d.name.span,
                fmt::format("`{}` is inherited; redefining it needs `override`", d.name.text));
      diag.notes.push_back({loc(found->decl.name.span), "inherited from here"});
      diag.help =
          fmt::format("write `override {} {} …` to replace it", decl_kind_name(d), d.name.text);
      return;
    }
    if (!d.name.text.empty()) index.try_emplace(d.name.text, merged.size());
    merged.push_back({std::move(d), DeclId{}});
  }

  void override_row(std::vector<Entry>& merged, std::vector<Entry>::iterator found, bool inherited,
                    const DeclNode& d, const RowOverride& row) {
    auto* table = found == merged.end() ? nullptr : std::get_if<TableDecl>(&found->decl.kind);
    if (!table && parent_missing_) return;
    if (!table || !inherited) {
      auto& diag = error(DiagKind::override_unknown, d.name.span,
                         table ? fmt::format("table `{}` is declared or overridden whole in this "
                                             "file: change the row there",
                                             d.name.text)
                               : fmt::format("`{}` is not an inherited table", d.name.text));
      diag.help = "a row override replaces one row of a table a parent declares";
      if (table) diag.notes.push_back({loc(found->decl.name.span), "the table in this file"});
      return;
    }
    // The table's rows by variant, kept until the chain is merged.
    TableRows& rows =
        rows_.try_emplace(static_cast<size_t>(found - merged.begin()), *table).first->second;
    for (const Pattern& k : row.keys) {
      const TableRow* r = rows.overridden(*table, k.name.text, d.span.file, d.span.begin);
      if (!r) continue;
      auto& diag = error(DiagKind::duplicate_declaration, d.span,
                         fmt::format("row `{}.{}` is overridden twice", d.name.text, k.name.text));
      diag.notes.push_back({loc(r->span), "first overridden here"});
      return;
    }
    // The variants leave the rows that held them (a row left without keys goes).
    TableRow added;
    added.keys = row.keys;
    added.ineligible = row.ineligible;
    added.cells = row.cells;
    added.span = d.span;
    added.source = d.source;
    rows.replace(*table, std::move(added));
  }

  // Loads what a unit's `use` lines name and records them as its imports.
  void import_all(uint32_t index, const std::vector<std::pair<UseDecl, Span>>& uses) {
    for (const auto& [u, at] : uses) {
      uint32_t target = use(u, at);
      if (target != UINT32_MAX)
        units_[index].imports.push_back({target, u.alias ? u.alias->text : ""});
    }
  }

  uint32_t use(const UseDecl& u, Span at) {
    std::string name = joined(u.path);
    if (cycle(name, whole(u.path))) return UINT32_MAX;
    if (auto it = unit_by_name_.find(name); it != unit_by_name_.end()) return it->second;
    auto id = find(name, whole(u.path));
    if (!id) return UINT32_MAX;
    File f = parse(*id);
    auto index = static_cast<uint32_t>(units_.size());
    units_.push_back({});
    entries_.emplace_back();
    units_[index].name = name;
    unit_by_name_[name] = index;
    if (f.header) {
      if (joined(f.header->name) != name) {
        error(DiagKind::module_not_found, whole(u.path),
              fmt::format("`{}` holds policy `{}`, not `{}`", sources_.file(*id).name(),
                          joined(f.header->name), name));
      }
      build_policy(index, std::move(f));
      return index;
    }
    loading_.push_back(name);
    units_[index].policy = false;
    std::vector<std::pair<UseDecl, Span>> uses;
    for (DeclNode& d : f.decls) {
      if (auto* inner = std::get_if<UseDecl>(&d.kind)) {
        uses.push_back({*inner, d.span});
        continue;
      }
      bool allowed =
          std::holds_alternative<EnumDecl>(d.kind) || std::holds_alternative<RecordDecl>(d.kind) ||
          std::holds_alternative<FnDecl>(d.kind) || std::holds_alternative<ParamDecl>(d.kind) ||
          std::holds_alternative<ScheduleDecl>(d.kind);
      if (!allowed || d.is_override) {
        error(DiagKind::not_in_module, d.span,
              d.is_override
                  ? fmt::format("a module cannot hold an override (`{}`)", d.name.text)
                  : fmt::format("a module cannot hold `{}` declarations", decl_kind_name(d)))
            .help =
            "a module (a file without `policy`) holds enums, records, fns, params and "
            "schedules; put the rest in a policy";
        continue;
      }
      entries_[index].push_back({std::move(d), DeclId{}});
    }
    import_all(index, uses);
    loading_.pop_back();
    (void)at;
    return index;
  }

  SourceSet& sources_;
  DiagSink& diags_;
  const LinkOptions& opt_;
  Module work_;
  std::vector<Unit> units_;
  std::vector<std::vector<Entry>> entries_;
  std::vector<DeclNode> replaced_;
  std::unordered_map<size_t, TableRows> rows_;  // by place in the chain being merged
  std::unordered_map<std::string, uint32_t> unit_by_name_;
  std::vector<std::string> loading_;
  size_t files_ = 0;
  bool parent_missing_ = false;  // the chain being merged lacks a parent
};

}  // namespace

Module link_policy(SourceSet& sources, FileId root, DiagSink& diags, const LinkOptions& options,
                   std::vector<std::string>* keys) {
  Linker linker(sources, diags, options);
  Module m = linker.run(root);
  if (keys) *keys = std::move(linker.keys);
  return m;
}

}  // namespace bao
