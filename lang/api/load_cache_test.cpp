// bao::LoadCache: files parsed once across loads, with every load's answers
// (diagnostics, identity, results) the same as without it.
#include <doctest/doctest.h>

#include <map>
#include <thread>

#include "lang/api/bao.hpp"

namespace {

std::map<std::string, std::string> files() {
  return {
      {"t/common.bao", "enum Who { a \"甲\" b \"乙\" }\nfn half(x: money): money = x / 2\n"},
      {"t/parent.bao",
       "policy t.parent\nuse t.common\ninput who: Who\ninput amount: money\n"
       "param ratio: rate = 70%\noutput paid: money = half(amount * ratio)\n"},
      {"t/one.bao", "policy t.one\n  extends t.parent\noverride param ratio: rate = 80%\n"},
      {"t/two.bao", "policy t.two\n  extends t.parent\n"},
      {"t/bad.bao", "policy t.bad\n  extends t.parent\nrule r: money = 1 yuan +\n"},
  };
}

bao::SourceLoader counting(const std::map<std::string, std::string>& fs, int& calls) {
  return [&fs, &calls](std::string_view rel) -> std::optional<bao::LoadedFile> {
    ++calls;
    auto it = fs.find(std::string(rel));
    if (it == fs.end()) return std::nullopt;
    return bao::LoadedFile{"mem:" + it->first, it->second, ""};
  };
}

void same(const bao::Policy& a, const bao::Policy& b) {
  CHECK(a.ok() == b.ok());
  CHECK(a.render(bao::Format::text) == b.render(bao::Format::text));
  CHECK(a.render(bao::Format::json) == b.render(bao::Format::json));
  CHECK(a.identity().fingerprint == b.identity().fingerprint);
  CHECK(a.identity().policy == b.identity().policy);
  if (a.ok() && b.ok()) {
    const char* json = R"({"who": "a", "amount": "1000"})";
    CHECK(a.evaluate_json(json).to_json() == b.evaluate_json(json).to_json());
  }
}

}  // namespace

TEST_CASE("a LoadCache parses each file once however many policies reach it") {
  auto fs = files();
  int calls = 0, fresh_calls = 0;
  bao::LoadCache cache;
  for (const char* root : {"t/one.bao", "t/two.bao", "t/bad.bao", "t/one.bao"}) {
    INFO(root);
    bao::Policy cached = bao::Policy::from_loader(root, counting(fs, calls), {}, cache);
    bao::Policy fresh = bao::Policy::from_loader(root, counting(fs, fresh_calls));
    same(cached, fresh);
    CHECK(cached.ok() == (std::string(root) != "t/bad.bao"));
  }
  // The loader is asked as often as without the cache (bytes decide reuse)...
  CHECK(calls == fresh_calls);
  CHECK(calls == 12);
  // ...but one, two, bad, parent and common are parsed once each.
  CHECK(cache.files_parsed() == 5);
  CHECK(cache.files_reused() == 7);
  auto one = bao::Policy::from_loader("t/one.bao", counting(fs, calls), {}, cache);
  CHECK(one.evaluate_json(R"({"who": "a", "amount": "1000"})").output("paid") == "400.00");
}

TEST_CASE("a LoadCache sees a changed file, is shared by copies and can be cleared") {
  auto fs = files();
  int calls = 0;
  bao::LoadCache cache;
  bao::LoadCache shared = cache;
  auto before = bao::Policy::from_loader("t/two.bao", counting(fs, calls), {}, shared);
  CHECK(before.ok());
  fs["t/common.bao"] = "fn half(x: money): money = x /\n";
  auto after = bao::Policy::from_loader("t/two.bao", counting(fs, calls), {}, cache);
  same(after, bao::Policy::from_loader("t/two.bao", counting(fs, calls)));
  CHECK(!after.ok());
  CHECK(cache.files_parsed() == 4);  // two, parent, common, the changed common
  CHECK(shared.files_reused() == 2);
  bao::LoadCache moved = std::move(shared);
  CHECK(moved.files_parsed() == 4);
  CHECK(shared.files_parsed() == 4);  // moving copies the handle
  cache.clear();
  CHECK(moved.files_parsed() == 0);
  CHECK(moved.files_reused() == 0);
  auto again = bao::Policy::from_loader("t/one.bao", counting(fs, calls), {}, moved);
  CHECK(!again.ok());
  CHECK(cache.files_parsed() == 3);
}

TEST_CASE("from_file and from_string through a LoadCache answer as without it") {
  bao::LoadCache cache;
  std::string policy = std::string(BAO_REPO_DIR) + "/policies/cn/js/suqian/settlement.bao";
  for (int round = 0; round < 2; ++round) {
    same(bao::Policy::from_file(policy, {}, {}, cache), bao::Policy::from_file(policy));
    same(bao::Policy::from_file("no/such/file.bao", {}, {}, cache),
         bao::Policy::from_file("no/such/file.bao"));
    same(bao::Policy::from_string("inline.bao", "policy x\nrule r: int = (1\n", {}, {}, cache),
         bao::Policy::from_string("inline.bao", "policy x\nrule r: int = (1\n"));
  }
  CHECK(cache.files_reused() >= cache.files_parsed());
}

TEST_CASE("threads loading at once may share one LoadCache") {
  const auto fs = files();
  bao::LoadCache cache;
  std::vector<std::string> rendered(4), expected(4);
  const char* roots[] = {"t/one.bao", "t/two.bao", "t/bad.bao", "t/one.bao"};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      int calls = 0;
      rendered[i] = bao::Policy::from_loader(roots[i], counting(fs, calls), {}, cache)
                        .render(bao::Format::json);
    });
  for (std::thread& t : threads)
    t.join();
  for (size_t i = 0; i < 4; ++i) {
    int calls = 0;
    CHECK(rendered[i] ==
          bao::Policy::from_loader(roots[i], counting(fs, calls)).render(bao::Format::json));
  }
  CHECK(cache.files_parsed() == 5);
  CHECK(cache.files_reused() == 7);
}
