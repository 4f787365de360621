// The record of how an evaluation's outputs came out: a graph of the rules,
// params (with the dated version used), table rows and input fields read,
// shared where one value feeds several. Built only when explanation is asked for.
//
// Recording is cheap (docs/internals.md, "Explanations"): nodes are plain
// 64-byte records in one array; each node's children are one contiguous run
// of `edges`, moved there from a scratch stack when the node closes; shared
// input nodes are found through an index, not a search; a schedule keeps the
// numbers of its bands, and its note is written only when rendered. Every
// array keeps its capacity from one evaluation to the next, so after warm-up
// recording allocates nothing.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "lang/eval/value.hpp"

namespace bao {

struct Program;
class Evaluator;

struct TraceNode {
  enum class Kind : uint8_t { rule, param, column, input, input_field, schedule, call };
  static constexpr uint32_t kEligible = UINT32_MAX;  // `b` of a table's `eligible` read
  Kind kind;
  uint32_t a = 0;       // rule, param, table or input index; the unit called
  uint32_t b = 0;       // column or field index
  int32_t detail = -1;  // the dated version of a param, or the row of a table
  Value value;
  uint32_t first = 0, count = 0;  // children: Trace::edges[first .. first + count)
  // A schedule: Trace::numbers[numbers] is `from`, then the amount, then the
  // width and rate of each of its `bands` bands as applied.
  uint32_t numbers = 0, bands = 0;
};

struct Trace {
  std::vector<TraceNode> nodes;
  std::vector<uint32_t> outputs;  // node of each output, in output order
  std::vector<uint32_t> edges;    // every node's children, each node's in one run
  std::vector<Decimal> numbers;   // schedules' amounts and bands
  std::vector<uint32_t> rule_node, param_node, cell_node;  // set when made; read on memo hits
  // By table: what choosing its row read, a run of `edges` (first, count).
  std::vector<std::pair<uint32_t, uint32_t>> row_reads;
  // Input nodes are shared from here on: a call to another policy starts its
  // own, since its inputs are that call's arguments.
  uint32_t shared_from = 0;

  void reset(const Program& p);
  // A node for something read; linked under the node being computed.
  uint32_t open(TraceNode::Kind kind, uint32_t a, uint32_t b) {
    if (kind == TraceNode::Kind::input || kind == TraceNode::Kind::input_field ||
        (kind == TraceNode::Kind::column && b == TraceNode::kEligible))
      return open_shared(kind, a, b);
    return make(kind, a, b);
  }
  void link(uint32_t node) {
    if (stack_.empty() || node == UINT32_MAX) return;
    const uint32_t* p = pending_.data() + stack_.back().pending;
    const uint32_t* end = pending_.data() + pending_.size();
    for (; p != end; ++p)
      if (*p == node) return;
    pending_.push_back(node);
  }
  // Makes `node` the one being computed, then closes it: what was linked in
  // between becomes its children.
  void push(uint32_t node) {
    stack_.push_back(
        {node, static_cast<uint32_t>(pending_.size()), static_cast<uint32_t>(bands_.size())});
  }
  void pop() {
    const Open o = stack_.back();
    stack_.pop_back();
    TraceNode& n = nodes[o.node];
    n.first = static_cast<uint32_t>(edges.size());
    n.count = static_cast<uint32_t>(pending_.size() - o.pending);
    move_pending(o.pending);
  }
  // Starts and ends capturing what table t's key reads (into row_reads[t]).
  void begin_capture();
  void end_capture(uint32_t table);
  void link_row(uint32_t table);
  // A schedule being applied (node `tn`, on the stack): each band, then the end.
  void band(Decimal width, Decimal rate);
  void end_schedule(uint32_t tn, Decimal from, Decimal amount);
  // A call of another policy: its input nodes are its own until it returns.
  void enter_call();
  void leave_call(uint32_t caller_shared_from);

  std::span<const uint32_t> children(const TraceNode& n) const {
    return {edges.data() + n.first, n.count};
  }

 private:
  struct Open {
    uint32_t node;     // UINT32_MAX while capturing a key's reads
    uint32_t pending;  // where its children start in `pending_`
    uint32_t bands;    // where its bands start in `bands_`
  };
  std::vector<Open> stack_;        // nodes being computed
  std::vector<uint32_t> pending_;  // children of the nodes being computed
  std::vector<Decimal> bands_;     // bands of the schedules being applied
  // The shared input nodes: by key (input; field of an input; a table's
  // `eligible`), the first node at or after shared_from, when there is one.
  std::vector<uint32_t> shared_;
  std::vector<uint32_t> field_base_;  // by input: where its fields' keys start
  uint32_t eligible_base_ = 0;
  const Program* laid_out_ = nullptr;
  // Keys a call's nodes took over, with the node they held before (put back
  // when the call returns, if the caller's), and where each call's start.
  std::vector<std::pair<uint32_t, uint32_t>> shared_undo_;
  std::vector<uint32_t> call_marks_;

  void lay_out(const Program& p);
  uint32_t key(TraceNode::Kind kind, uint32_t a, uint32_t b) const;
  bool holds(uint32_t node, TraceNode::Kind kind, uint32_t a, uint32_t b, uint32_t from) const;
  uint32_t open_shared(TraceNode::Kind kind, uint32_t a, uint32_t b);
  uint32_t make(TraceNode::Kind kind, uint32_t a, uint32_t b) {
    auto id = static_cast<uint32_t>(nodes.size());
    TraceNode& n = nodes.emplace_back();
    n.kind = kind;
    n.a = a;
    n.b = b;
    link(id);
    return id;
  }
  // Moves pending_[from ..] to the end of `edges`.
  void move_pending(uint32_t from) {
    edges.insert(edges.end(), pending_.begin() + from, pending_.end());
    pending_.resize(from);
  }
};

// Renders an explanation for people (a tree with labels and source lines) and
// for tools (JSON). `eval` resolves records and lists held in values.
std::string explain_text(const Program& p, const Trace& t, const Evaluator& eval);
std::string explain_json(const Program& p, const Trace& t, const Evaluator& eval);

}  // namespace bao
