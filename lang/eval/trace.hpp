// The record of how an evaluation's outputs came out: a graph of the rules,
// params (with the dated version used), table rows and input fields read,
// shared where one value feeds several. Built only when explanation is asked for.
//
// Recording is cheap (docs/internals.md, "Explanations"): nodes are plain
// 64-byte records in one array; a link is one (parent, child) pair appended
// to `edges`, in the order made (the renderers group them by parent, first
// link first, duplicates dropped); shared input nodes are found through an
// index, not a search; a schedule keeps the numbers of its bands, and its
// note is written only when rendered. Every array keeps its capacity from
// one evaluation to the next, so after warm-up recording allocates nothing.
#pragma once

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
  uint32_t linked_to = UINT32_MAX;  // the parent of its last link: skips repeats
  // A schedule: Trace::numbers[numbers] is `from`, then the amount, then the
  // width and rate of each of its `bands` bands as applied.
  uint32_t numbers = 0, bands = 0;
};

struct Trace {
  std::vector<TraceNode> nodes;
  std::vector<uint32_t> outputs;  // node of each output, in output order
  struct Edge {
    uint32_t parent, child;
  };
  std::vector<Edge> edges;       // every link, in the order made (repeats possible)
  std::vector<Decimal> numbers;  // schedules' amounts and bands
  std::vector<uint32_t> rule_node, param_node, cell_node;  // set when made; read on memo hits
  // By table: what choosing its row read, a run of `row_edges` (first, count).
  std::vector<std::pair<uint32_t, uint32_t>> row_reads;
  std::vector<uint32_t> row_edges;
  // Input nodes are shared from here on: a call to another policy starts its
  // own, since its inputs are that call's arguments.
  uint32_t shared_from = 0;

  void reset(const Program& p);
  // A node for something read; linked under the node being computed.
  uint32_t open(TraceNode::Kind kind, uint32_t a, uint32_t b) {
    if (kind == TraceNode::Kind::input || kind == TraceNode::Kind::input_field ||
        (kind == TraceNode::Kind::column && b == TraceNode::kEligible)) {
      // Input reads are shared: one node per input (field), however often it
      // is read, from shared_from on; shared_[key] is the first such node there.
      uint32_t k = key(kind, a, b);
      if (k != UINT32_MAX && holds(shared_[k], kind, a, b, shared_from)) {
        link(shared_[k]);
        return shared_[k];
      }
      return open_shared(kind, a, b, k);
    }
    return make(kind, a, b);
  }
  void link(uint32_t node) {
    if (stack_.empty() || node == UINT32_MAX) return;
    uint32_t parent = stack_.back().node;
    TraceNode& n = nodes[node];
    if (n.linked_to == parent) return;
    n.linked_to = parent;
    edges.push_back({parent, node});
  }
  // Makes `node` the one being computed, then closes it: what was linked in
  // between becomes its children.
  void push(uint32_t node) { stack_.push_back({node, static_cast<uint32_t>(bands_.size())}); }
  void pop() { stack_.pop_back(); }

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

 private:
  struct Open {
    uint32_t node;   // a capture's is a node nothing links to
    uint32_t bands;  // where its bands start in `bands_`
  };
  std::vector<Open> stack_;         // nodes being computed
  std::vector<uint32_t> captures_;  // where each capture's links start in `edges`
  std::vector<Decimal> bands_;      // bands of the schedules being applied
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
  uint32_t key(TraceNode::Kind kind, uint32_t a, uint32_t b) const {
    switch (kind) {
      case TraceNode::Kind::input:
        return a;
      case TraceNode::Kind::input_field:
        return b < field_base_[a + 1] - field_base_[a] ? field_base_[a] + b : UINT32_MAX;
      default:
        return eligible_base_ + a;
    }
  }
  // Whether `node` is one made this evaluation, at or after `from`, for this read.
  bool holds(uint32_t node, TraceNode::Kind kind, uint32_t a, uint32_t b, uint32_t from) const {
    if (node < from || node >= nodes.size()) return false;  // also UINT32_MAX
    const TraceNode& n = nodes[node];
    return n.kind == kind && n.a == a && n.b == b;
  }
  uint32_t open_shared(TraceNode::Kind kind, uint32_t a, uint32_t b, uint32_t k);
  uint32_t make(TraceNode::Kind kind, uint32_t a, uint32_t b) {
    auto id = static_cast<uint32_t>(nodes.size());
    TraceNode& n = nodes.emplace_back();
    n.kind = kind;
    n.a = a;
    n.b = b;
    link(id);
    return id;
  }
};

// Renders an explanation for people (a tree with labels and source lines) and
// for tools (JSON). `eval` resolves records and lists held in values.
std::string explain_text(const Program& p, const Trace& t, const Evaluator& eval);
std::string explain_json(const Program& p, const Trace& t, const Evaluator& eval);

}  // namespace bao
