// `bao batch POLICY --input ROWS --output ROWS`: a population through one
// policy (tools/rows does the work); a progress line on a terminal and a
// summary at the end on standard error.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "lang/source/printable.hpp"
#include "tools/rows/batch.hpp"
#include "tools/verbs.hpp"

namespace bao::cli {

namespace {

std::optional<rows::RowFormat> format_of(const std::string& given, const std::string& path) {
  if (given == "csv") return rows::RowFormat::csv;
  if (given == "jsonl") return rows::RowFormat::jsonl;
  std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".csv") return rows::RowFormat::csv;
  if (ext == ".jsonl" || ext == ".ndjson") return rows::RowFormat::jsonl;
  return std::nullopt;
}

std::string eta(double seconds) {
  auto s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}h{:02}m", s / 3600, s / 60 % 60)
                   : fmt::format("{}m{:02}s", s / 60, s % 60);
}

}  // namespace

int batch(const BatchArgs& args) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  rows::BatchOptions options;
  // The input's format: --input-format, its extension, else --format; the
  // output's: --format, its extension, else the input's.
  auto in_format = format_of(args.input_format, args.input);
  auto out_format = format_of(args.format, args.output);
  if (!in_format) in_format = format_of(args.format, "");
  if (!out_format) out_format = in_format;
  if (!in_format) {
    std::cerr << "bao batch: say the format of the rows: --format csv|jsonl (or name the files "
                 "*.csv, *.jsonl)\n";
    return kUsage;
  }
  options.in = *in_format;
  options.out = *out_format;
  options.spec = {args.ids, args.group_by, args.list};
  options.threads = args.jobs;
  options.outputs = args.outputs;
  if (!parse_as_of(args.as_of, "batch", options.run.as_of)) return kUsage;
  Policy policy = Policy::from_file(args.policy, args.limits, args.roots);
  if (int status = load_status(policy)) return status;
  std::FILE* in = args.input == "-" ? stdin : std::fopen(args.input.c_str(), "rb");
  std::error_code ec;
  if (!in || std::filesystem::is_directory(args.input, ec)) {
    if (in && in != stdin) std::fclose(in);
    std::cerr << fmt::format("bao batch: cannot read input `{}`\n", printable(args.input));
    return kUsage;
  }
  std::FILE* out = args.output == "-" ? stdout : std::fopen(args.output.c_str(), "wb");
  if (!out) {
    if (in != stdin) std::fclose(in);
    std::cerr << fmt::format("bao batch: cannot write output `{}`\n", printable(args.output));
    return kUsage;
  }
  uint64_t size = args.input == "-" ? 0 : std::filesystem::file_size(args.input, ec);
  if (ec) size = 0;
  bool bar = !args.quiet && isatty(STDERR_FILENO);
  auto last = start;
  if (bar)
    options.progress = [&](const rows::Progress& p) {
      auto now = Clock::now();
      if (now - last < std::chrono::milliseconds(200)) return;
      last = now;
      double t = std::chrono::duration<double>(now - start).count();
      std::string left = size && p.bytes && p.bytes < size
                             ? " ETA " + eta(t * double(size - p.bytes) / double(p.bytes))
                             : "";
      std::cerr << fmt::format("\r\x1b[K{} rows, {:.0f} rows/s, {} failed{}", p.rows,
                               t > 0 ? double(p.rows) / t : 0.0, p.failed, left)
                << std::flush;
    };
  rows::RecordReader reader(in, options.in == rows::RowFormat::csv, args.limits.max_input_bytes);
  rows::Summary s = rows::run_batch(
      policy, reader,
      [&](std::string_view text) {
        return std::fwrite(text.data(), 1, text.size(), out) == text.size();
      },
      options);
  bool flushed = std::fflush(out) == 0;
  if (in != stdin) std::fclose(in);
  if (out != stdout && std::fclose(out) != 0) flushed = false;
  if (bar) std::cerr << "\r\x1b[K";
  double t = std::chrono::duration<double>(Clock::now() - start).count();
  std::string input_name = args.input == "-" ? "<stdin>" : printable(args.input);
  for (const rows::Failure& f : s.first_failures)
    std::cerr << fmt::format("{}:{}: error[{}]: {}{}\n", input_name, f.line, f.code,
                             printable(f.message),
                             f.path.empty() || f.message.find(f.path) != std::string::npos
                                 ? ""
                                 : fmt::format(" (at {})", printable(f.path)));
  if (s.failed > s.first_failures.size())
    std::cerr << fmt::format("… and {} more failed rows\n", s.failed - s.first_failures.size());
  if (s.usage) {  // nothing was run: the arguments or the header are wrong
    std::cerr << "bao batch: " << s.fatal << "\n";
    return kUsage;
  }
  std::string by_code;
  for (const auto& [code, n] : s.failed_by_code)
    by_code += fmt::format("{}{} {}", by_code.empty() ? ": " : ", ", n, code);
  // The time only for runs long enough to care (and so never in a golden test).
  std::string took =
      t >= 0.5 ? fmt::format("; {:.2f} s, {:.0f} rows/s", t, double(s.rows) / t) : "";
  std::cerr << fmt::format("bao batch: {} rows, {} {}, {} failed{}{}{}\n", s.rows, s.cases,
                           options.spec.group_by.empty() ? "cases" : "groups", s.failed, by_code,
                           s.blank ? fmt::format(", {} blank lines skipped", s.blank) : "", took);
  if (!s.fatal.empty() || !flushed) {
    std::cerr << "bao batch: " << (s.fatal.empty() ? "cannot write the output" : s.fatal) << "\n";
    return s.usage ? kUsage : kFailed;
  }
  return s.failed ? kFailed : kOk;
}

}  // namespace bao::cli
