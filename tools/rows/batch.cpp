#include "tools/rows/batch.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>
#include <range/v3/view/chunk.hpp>
#include <range/v3/view/chunk_by.hpp>

#include "lang/source/source.hpp"
#include "tools/rows/csv.hpp"
#include "tools/rows/json_text.hpp"
#include "tools/rows/members.hpp"
#include "tools/rows/worker.hpp"

namespace bao::rows {

namespace {

struct Work {
  uint64_t seq = 0;
  std::vector<Unit> units;
  Written out;
};

// Reader → workers → writer, with at most `max_in_flight` chunks between
// reading and writing: memory stays bounded whatever the input's size, and
// chunks are written in the order they were read whatever the threads do.
class Pipeline {
 public:
  Pipeline(const Context& ctx, unsigned threads, const Sink& sink, Summary& summary)
      : ctx_(ctx), sink_(sink), summary_(summary), max_in_flight_(4 * threads) {
    writer_ = std::thread([this] { write_loop(); });
    for (unsigned i = 0; i < threads; ++i)
      workers_.emplace_back([this] { work_loop(); });
  }
  // False once the output failed: stop reading.
  bool submit(std::vector<Unit> units) {
    if (units.empty()) return !stopped();
    auto w = std::make_unique<Work>();
    w->seq = next_seq_++;
    w->units = std::move(units);
    std::unique_lock lock(m_);
    room_.wait(lock, [&] { return in_flight_ < max_in_flight_ || stop_; });
    if (stop_) return false;
    ++in_flight_;
    todo_.push_back(std::move(w));
    work_.notify_one();
    return true;
  }
  void finish() {
    {
      std::lock_guard lock(m_);
      input_done_ = true;
      total_ = next_seq_;
    }
    work_.notify_all();
    done_.notify_all();
    for (std::thread& t : workers_)
      t.join();
    writer_.join();
  }
  bool stopped() {
    std::lock_guard lock(m_);
    return stop_;
  }
  std::atomic<uint64_t> bytes{0};  // read so far, for progress (set by the reader)

 private:
  void work_loop() {
    Worker worker(ctx_);
    for (;;) {
      std::unique_ptr<Work> w;
      {
        std::unique_lock lock(m_);
        work_.wait(lock, [&] { return !todo_.empty() || input_done_; });
        if (todo_.empty()) return;
        w = std::move(todo_.front());
        todo_.pop_front();
      }
      for (const Unit& u : w->units)
        worker.run(u, w->out);
      w->units.clear();
      std::lock_guard lock(m_);
      uint64_t seq = w->seq;
      finished_[seq] = std::move(w);
      done_.notify_one();
    }
  }
  void write_loop() {
    Progress p;
    for (uint64_t next = 0;; ++next) {
      std::unique_ptr<Work> w;
      {
        std::unique_lock lock(m_);
        done_.wait(lock, [&] { return finished_.count(next) || (input_done_ && next == total_); });
        if (!finished_.count(next)) return;
        w = std::move(finished_[next]);
        finished_.erase(next);
        p.bytes = bytes.load(std::memory_order_relaxed);
      }
      bool ok = stop_ || sink_(w->out.text);
      summary_.rows += w->out.rows;
      summary_.cases += w->out.cases;
      summary_.failed += w->out.failed;
      for (Failure& f : w->out.failures) {
        ++summary_.failed_by_code[f.code];
        if (summary_.first_failures.size() < 10) summary_.first_failures.push_back(std::move(f));
      }
      p.rows = summary_.rows;
      p.cases = summary_.cases;
      p.failed = summary_.failed;
      if (ctx_.options->progress) ctx_.options->progress(p);
      std::lock_guard lock(m_);
      if (!ok && !stop_) {
        stop_ = true;
        summary_.fatal = "cannot write the output (disk full, or the reader went away?)";
      }
      --in_flight_;
      room_.notify_one();
    }
  }

  const Context& ctx_;
  const Sink& sink_;
  Summary& summary_;
  size_t max_in_flight_;
  std::mutex m_;
  std::condition_variable work_, done_, room_;
  std::deque<std::unique_ptr<Work>> todo_;
  std::map<uint64_t, std::unique_ptr<Work>> finished_;
  size_t in_flight_ = 0;
  uint64_t next_seq_ = 0, total_ = 0;
  bool input_done_ = false, stop_ = false;
  std::vector<std::thread> workers_;
  std::thread writer_;
};

// Splits a row read for grouping: its key, and for JSON Lines the case's
// members and the list item. Sets error_code when it cannot.
void split_for_group(Row& row, const Context& ctx) {
  const Spec& spec = ctx.options->spec;
  auto fail = [&](std::string code, std::string message) {
    row.error_code = std::move(code);
    row.error_message = std::move(message);
  };
  RowCheck check = check_row(row, ctx.csv ? &*ctx.csv : nullptr, row.fields);
  if (!check.code.empty()) return fail(std::move(check.code), std::move(check.message));
  if (ctx.csv) {
    row.key = row.fields[ctx.csv->group_column()];
    return;
  }
  auto members = object_members(row.text);
  if (!members) return fail("E1102", "the row is not one JSON object");
  std::string rest, item;
  bool has_key = false, has_item = false;
  for (const Member& m : *members) {
    if (m.key == spec.group_by) {
      row.key = m.value;
      has_key = true;
    } else if (m.key == spec.list) {
      item = m.value;
      has_item = true;
    } else {
      if (!rest.empty()) rest += ',';
      append_json_string(rest, m.key);
      rest += ':';
      rest += m.value;
    }
  }
  if (!has_key) return fail("E1106", fmt::format("the row has no member `{}`", spec.group_by));
  if (!has_item)
    return fail("E1102",
                fmt::format("the row has no member `{}` (the item of the list)", spec.list));
  row.fields = {row.key, std::move(rest), std::move(item)};
}

// The header of a CSV input, and the plan that follows from it.
bool read_header(RecordReader& in, Context& ctx, Summary& s) {
  Row header;
  Record rec;
  if (!in.next(rec)) {
    s.fatal = in.failed() ? "cannot read the input" : "the CSV input has no header row";
    s.usage = !in.failed();
    return false;
  }
  std::vector<std::string> names;
  std::string why = rec.too_large ? "it is too long" : split_csv(rec.text, names);
  if (why.empty() && find_invalid_utf8(rec.text) != std::string::npos)
    why = "it is not valid UTF-8";
  if (why.empty()) ctx.csv = CsvCases::make(*ctx.policy, names, ctx.options->spec, why);
  if (!ctx.csv) {
    s.fatal = fmt::format("line {}: the CSV header: {}", rec.line, why);
    s.usage = true;
    return false;
  }
  return true;
}

std::string header_row(const Context& ctx) {
  std::string out;
  auto cell = [&](std::string_view c) {
    if (!out.empty()) out += ',';
    append_csv_cell(out, c);
  };
  for (const std::string& id : ctx.id_names)
    cell(id);
  if (ctx.grouped) cell("rows");
  for (const std::string& c : ctx.outputs.columns())
    cell(c);
  for (const char* c : {"error_code", "error_path", "error_message"})
    cell(c);
  return out + "\n";
}

Row to_row(Record& rec) {
  Row row;
  row.line = rec.line;
  row.last_line = rec.last_line;
  row.too_large = rec.too_large;
  row.text = std::move(rec.text);
  return row;
}

// Groups rows with equal keys that follow each other; a key seen again after
// its group ended is E1105 for the rows that come back. The window holds a
// few chunks of rows; a group still open at its end waits for more rows.
void read_groups(RecordReader& in, Pipeline& pipe, const Context& ctx) {
  const size_t chunk = std::max<size_t>(1, ctx.options->chunk), step = chunk * 8;
  std::unordered_set<std::string> ended;
  std::vector<Row> window;
  Record rec;
  auto same = [](const Row& a, const Row& b) {
    return a.error_code.empty() && b.error_code.empty() && a.key == b.key;
  };
  size_t cap = step;
  for (bool more = true; more || !window.empty();) {
    while (more && window.size() < cap && (more = in.next(rec))) {
      window.push_back(to_row(rec));
      split_for_group(window.back(), ctx);
    }
    pipe.bytes = in.bytes_read();
    std::vector<size_t> sizes;
    for (auto g : window | ranges::views::chunk_by(same))
      sizes.push_back(static_cast<size_t>(ranges::distance(g)));
    // The last group may go on past the window, unless the input ended.
    size_t complete = sizes.size() - (more && !sizes.empty() ? 1 : 0);
    if (complete == 0) {
      cap = window.size() + step;  // one group fills the window: read on
      continue;
    }
    cap = step;
    std::vector<Unit> units;
    size_t at = 0;
    for (size_t i = 0; i < complete; ++i) {
      Unit& u = units.emplace_back();
      auto begin = window.begin() + static_cast<std::ptrdiff_t>(at);
      u.rows.assign(std::make_move_iterator(begin),
                    std::make_move_iterator(begin + static_cast<std::ptrdiff_t>(sizes[i])));
      at += sizes[i];
      const Row& first = u.rows.front();
      if (first.error_code.empty() && !ended.insert(first.key).second) {
        u.error_code = "E1105";
        u.error_message = fmt::format(
            "`{}` {} came before, in an earlier group: a group's rows must be next to each "
            "other (sort the input by `{}`)",
            ctx.options->spec.group_by, first.key, ctx.options->spec.group_by);
      }
    }
    window.erase(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(at));
    for (auto part : units | ranges::views::chunk(chunk))
      if (!pipe.submit(std::vector<Unit>(std::make_move_iterator(part.begin()),
                                         std::make_move_iterator(part.end()))))
        return;
  }
}

void read_rows(RecordReader& in, Pipeline& pipe, const Context& ctx) {
  const size_t chunk = std::max<size_t>(1, ctx.options->chunk);
  Record rec;
  std::vector<Unit> units;
  while (in.next(rec)) {
    units.emplace_back().rows.push_back(to_row(rec));
    if (units.size() == chunk) {
      pipe.bytes = in.bytes_read();
      if (!pipe.submit(std::move(units))) return;
      units = {};
    }
  }
  pipe.bytes = in.bytes_read();
  pipe.submit(std::move(units));
}

}  // namespace

Summary run_batch(const Policy& policy, RecordReader& in, const Sink& out,
                  const BatchOptions& options) {
  Summary s;
  if (std::string bad = OutputPlan::unknown(policy, options.outputs); !bad.empty()) {
    s.fatal = fmt::format("--outputs: `{}` is not an output of the policy", bad);
    s.usage = true;
    return s;
  }
  Context ctx(policy, options.outputs);
  ctx.options = &options;
  const Spec& spec = options.spec;
  ctx.grouped = !spec.group_by.empty();
  ctx.input_names = policy.input_names();
  if (ctx.grouped && (spec.list.empty() || !spec.ids.empty())) {
    s.fatal = spec.list.empty() ? "--group-by needs --list: the list input the rows become"
                                : "--id names a row's id; grouped output rows carry the "
                                  "--group-by column instead";
    s.usage = true;
    return s;
  }
  if (!ctx.grouped && !spec.list.empty()) {
    s.fatal = "--list needs --group-by: the column that gathers rows into one case";
    s.usage = true;
    return s;
  }
  if (ctx.grouped && options.in == RowFormat::jsonl) {
    std::vector<Schema> inputs = policy.inputs();
    auto it = std::find_if(inputs.begin(), inputs.end(),
                           [&](const Schema& i) { return i.name == spec.list; });
    if (it == inputs.end() || it->kind != Kind::list || it->fields.at(0).kind != Kind::record) {
      s.fatal =
          fmt::format("--list `{}`: the policy has no input that is a list of records", spec.list);
      s.usage = true;
      return s;
    }
  }
  ctx.id_names = ctx.grouped ? std::vector<std::string>{spec.group_by} : spec.ids;
  if (options.in == RowFormat::csv && !read_header(in, ctx, s)) return s;
  if (options.out == RowFormat::csv && !out(header_row(ctx))) {
    s.fatal = "cannot write the output";
    return s;
  }
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  Pipeline pipe(ctx, std::max(1u, threads), out, s);
  if (ctx.grouped)
    read_groups(in, pipe, ctx);
  else
    read_rows(in, pipe, ctx);
  pipe.finish();
  s.blank = in.blank_lines();
  if (in.failed() && s.fatal.empty()) s.fatal = "cannot read the input";
  return s;
}

}  // namespace bao::rows
