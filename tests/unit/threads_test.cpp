// Many threads sharing one Policy, one Session each: every answer must be the
// bytes a single thread gives. Runs on the real policies and their example
// cases (and under ThreadSanitizer in CI, `.ci/run` stage 2).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "lang/api/bao.hpp"

#ifndef BAO_REPO_DIR
#define BAO_REPO_DIR "."
#endif

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

struct Suite {
  bao::Policy policy;
  std::vector<std::string> cases;     // JSON
  std::vector<std::string> expected;  // Result::to_json of each, one thread
  // With the explanation, where it is small (a settlement's year explains in
  // megabytes: its outputs are compared, not its explanation).
  std::vector<std::string> explained;
};

// Each policy folder's .bao files with the JSON cases beside them that they
// accept, plus a case that fails, so errors are compared too.
std::vector<Suite> suites() {
  bao::RunOptions explain;
  explain.explain = true;
  std::vector<Suite> out;
  fs::path root = fs::path(BAO_REPO_DIR) / "policies";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".bao") continue;
    Suite s{bao::Policy::from_file(entry.path().string()), {}, {}, {}};
    if (!s.policy.ok()) continue;
    for (const auto& other : fs::directory_iterator(entry.path().parent_path())) {
      if (other.path().extension() != ".json") continue;
      std::string json = read(other.path());
      if (s.policy.evaluate_json(json).ok()) s.cases.push_back(json);
    }
    if (s.cases.empty()) continue;
    s.cases.push_back(R"({"nope": 1})");
    for (const std::string& c : s.cases) {
      s.expected.push_back(s.policy.evaluate_json(c).to_json());
      std::string e = s.policy.evaluate_json(c, explain).to_json();
      s.explained.push_back(e.size() < (64u << 10) ? e : "");
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

TEST_CASE("8 threads, one Policy, one Session each: the bytes of one thread") {
  bao::RunOptions explain;
  explain.explain = true;
  std::vector<Suite> all = suites();
  REQUIRE(all.size() >= 8);  // the eight regional settlements at least
  size_t cases = 0;
  for (const Suite& s : all)
    cases += s.cases.size();
  MESSAGE(all.size() << " policies, " << cases << " cases");
  constexpr int kThreads = 8;
  std::vector<int> mismatches(kThreads, 0), evaluations(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2; ++round) {
        // Each thread walks the policies from a different place.
        for (size_t k = 0; k < all.size(); ++k) {
          const Suite& s = all[(k + t) % all.size()];
          bao::Session session(s.policy);
          for (size_t c = 0; c < s.cases.size(); ++c) {
            bao::Inputs in(s.policy);
            in.set_json(s.cases[c]);
            session.evaluate(in);
            if (session.result().to_json() != s.expected[c]) ++mismatches[t];
            if (!s.explained[c].empty() && (c + t + round) % 2 == 0) {
              session.evaluate(in, explain);
              if (session.result().to_json() != s.explained[c]) ++mismatches[t];
            }
            ++evaluations[t];
          }
        }
      }
    });
  }
  for (auto& th : threads)
    th.join();
  for (int t = 0; t < kThreads; ++t) {
    CHECK(mismatches[t] == 0);
    CHECK(evaluations[t] == static_cast<int>(2 * cases));
  }
}
