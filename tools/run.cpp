// `bao run POLICY --input CASE`: evaluates one case; outputs as JSON (money as
// exact strings) or as text, with the explanation when asked for.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "lang/api/bao.hpp"
#include "lang/source/printable.hpp"
#include "tools/verbs.hpp"

namespace bao::cli {

namespace {

// Appends up to `n` bytes of `f` to `out`; false on a read error.
bool read_at_most(std::FILE* f, size_t n, std::string& out) {
  constexpr size_t kChunk = 1 << 16;
  while (out.size() < n) {
    size_t at = out.size(), want = std::min(kChunk, n - at);
    out.resize(at + want);
    size_t got = std::fread(out.data() + at, 1, want, f);
    out.resize(at + got);
    if (got < want) return !std::ferror(f);
  }
  return true;
}

}  // namespace

int run(const RunArgs& args) {
  RunOptions options;
  options.explain = args.explain;
  if (!parse_as_of(args.as_of, "run", options.as_of)) return kUsage;
  Policy policy = Policy::from_file(args.policy, args.limits, args.roots);
  if (int status = load_status(policy)) return status;
  // At most one byte over the limit is read, so an endless stream (a pipe,
  // /dev/zero) or a huge file is refused (E0806) without being read whole.
  size_t limit = args.limits.max_input_bytes;
  size_t cap = limit == SIZE_MAX ? limit : limit + 1;
  std::string json;
  // Room for the whole input up front, so the string never moves while it grows.
  auto room = [&](uintmax_t size) { json.reserve(std::min<uintmax_t>(size, cap)); };
  if (args.input == "-") {
    room(64u << 20);
    if (!read_at_most(stdin, cap, json)) {
      std::cerr << "bao run: cannot read the input from standard input\n";
      return kUsage;
    }
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(args.input, ec)) {
      // As for a policy that is a folder: E0005, a usage error.
      Diagnostic d;
      d.code = "E0005";  // unreadable_file, with no place in a file
      d.at.file = UINT32_MAX;
      d.message = fmt::format("`{}` is a folder, not a JSON case", printable(args.input));
      std::cerr << policy.render({d}, Format::text);
      return kUsage;
    }
    // A device or a pipe (/dev/zero, a FIFO) has no size: as for stdin.
    auto size = std::filesystem::file_size(args.input, ec);
    room(ec ? 64u << 20 : size + 1);
    std::FILE* f = std::fopen(args.input.c_str(), "rb");
    if (!f || !read_at_most(f, cap, json)) {
      if (f) std::fclose(f);
      std::cerr << fmt::format("bao run: cannot read input `{}`\n", printable(args.input));
      return kUsage;
    }
    std::fclose(f);
  }
  Result r = policy.evaluate_json(json, options);
  if (!r.ok()) {
    if (args.format == "json") std::cout << r.to_json();
    std::cerr << r.render_error(Format::text);
    return kFailed;
  }
  if (args.format == "json") {
    std::cout << r.to_json();
    return kOk;
  }
  // Text values and enum labels come from the case and the policy: shown, never obeyed.
  for (const auto& [name, value] : r.output_texts())
    std::cout << fmt::format("{} = {}\n", printable(name), printable(value));
  if (args.explain) std::cout << "\n" << r.explanation_text();
  return kOk;
}

}  // namespace bao::cli
