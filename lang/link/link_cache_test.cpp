// Linking through a ParseCache gives the same Module (node for node), the
// same diagnostics and the same canonical names as parsing each file in
// place, and parses each file once however many policies reach it.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "lang/link/link.hpp"
#include "lang/syntax/parse_cache.hpp"

#ifndef BAO_REPO_DIR
#define BAO_REPO_DIR "."
#endif

namespace fs = std::filesystem;
using namespace bao;

namespace {

struct Linked {
  SourceSet sources;
  Module module;
  std::vector<Diag> diags;
  std::vector<std::string> keys;
};

Linked link_file(const std::string& path, ParseCache* cache, size_t max_diagnostics = 200) {
  Linked out;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  FileId root = out.sources.add(path, ss.str());
  auto files = disk_files({default_root(path)}, path);
  DiagSink sink(max_diagnostics);
  LinkOptions options;
  options.files = files.get();
  options.cache = cache;
  out.module = link_policy(out.sources, root, sink, options, &out.keys);
  out.diags = sink.all();
  return out;
}

// Both links agree on everything a later stage or a user sees.
void same(const Linked& cached, const Linked& fresh, const std::string& what) {
  INFO(what);
  CHECK(cached.module == fresh.module);
  CHECK(cached.keys == fresh.keys);
  CHECK(render_json(cached.sources, cached.diags) == render_json(fresh.sources, fresh.diags));
  CHECK(render_text(cached.sources, cached.diags) == render_text(fresh.sources, fresh.diags));
  REQUIRE(cached.sources.size() == fresh.sources.size());
  for (FileId f = 0; f < cached.sources.size(); ++f)
    CHECK(cached.sources.file(f).name() == fresh.sources.file(f).name());
}

struct Folder {
  fs::path dir;
  Folder() {
    dir = fs::temp_directory_path() /
          ("bao_link_cache_test_" +
           std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Folder() { fs::remove_all(dir); }
  std::string write(const std::string& rel, const std::string& text) const {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel, std::ios::binary) << text;
    return (dir / rel).string();
  }
};

}  // namespace

TEST_CASE("every policy and module of the repository links the same through one cache") {
  std::vector<std::string> paths;
  for (const char* top : {"policies", "stdlib"})
    for (const auto& e : fs::recursive_directory_iterator(fs::path(BAO_REPO_DIR) / top))
      if (e.is_regular_file() && e.path().extension() == ".bao") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() > 10);
  ParseCache cache;
  size_t reached = 0;  // files the links gathered, counted once per link
  std::set<std::pair<std::string, std::string>> distinct;
  for (const std::string& path : paths) {
    Linked cached = link_file(path, &cache);
    Linked fresh = link_file(path, nullptr);
    same(cached, fresh, path);
    CHECK(cached.diags.empty());
    reached += cached.sources.size();
    for (FileId f = 0; f < cached.sources.size(); ++f)
      distinct.insert({cached.sources.file(f).name(), cached.sources.file(f).text()});
  }
  // Each file parsed once; the others served from the cache.
  CHECK(cache.parses() == distinct.size());
  CHECK(cache.reuses() == reached - distinct.size());
  CHECK(cache.parses() < reached);
}

TEST_CASE("syntax errors in a shared parent are reported in full to each child, as before") {
  Folder f;
  f.write("t/parent.bao",
          "policy t.parent\nuse t.common\ninput a: money\nparam p: money = 1 yuan\n"
          "output x: money = a +\nrule broken: = 3\nrule y money = 2\noutput z: money = p\n");
  f.write("t/common.bao", "enum E { a b }\nfn f(x: money): money = (x\n");
  std::string one = f.write("t/one.bao", "policy t.one\n  extends t.parent\nrule q: int = \n");
  std::string two = f.write("t/two.bao", "policy t.two\n  extends t.parent\n");
  for (size_t limit : {size_t{200}, size_t{2}, size_t{4}}) {
    ParseCache cache;
    for (const std::string& path : {one, two, one}) {
      Linked cached = link_file(path, &cache, limit);
      Linked fresh = link_file(path, nullptr, limit);
      same(cached, fresh, path + " with a limit of " + std::to_string(limit));
      CHECK(!cached.diags.empty());
    }
    CHECK(cache.parses() == 4);  // one, two, parent, common
    CHECK(cache.reuses() == 5);  // parent and common for two; one, parent, common again
  }
}

TEST_CASE("a file whose bytes changed is parsed again, never served stale") {
  Folder f;
  f.write("t/common.bao", "fn f(x: money): money = x\n");
  std::string child = f.write("t/child.bao",
                              "policy t.child\nuse t.common\n"
                              "input a: money\noutput o: money = f(a)\n");
  ParseCache cache;
  Linked first = link_file(child, &cache);
  CHECK(first.diags.empty());
  f.write("t/common.bao", "fn f(x: money): money = \n");
  Linked second = link_file(child, &cache);
  same(second, link_file(child, nullptr), "after the change");
  CHECK(!second.diags.empty());
  CHECK(cache.parses() == 3);  // child, common, the changed common
  CHECK(cache.reuses() == 1);  // child
  ParseLimits tight;
  tight.max_expr_depth = 2;  // other limits: another parse
  CHECK(cache.get(second.sources.file(0), tight)->limits == tight);
  CHECK(cache.parses() == 4);
  cache.clear();
  CHECK(cache.parses() == 0);
  CHECK(cache.reuses() == 0);
}
