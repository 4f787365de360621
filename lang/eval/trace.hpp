// The record of how an evaluation's outputs came out: a graph of the rules,
// params (with the dated version used), table rows and input fields read,
// shared where one value feeds several. Built only when explanation is asked for.
#pragma once

#include <string>
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
  std::vector<uint32_t> children;
  std::string note;  // a schedule's bands as applied
};

struct Trace {
  std::vector<TraceNode> nodes;
  std::vector<uint32_t> outputs;                           // node of each output, in output order
  std::vector<uint32_t> stack;                             // nodes being computed
  std::vector<uint32_t> rule_node, param_node, cell_node;  // UINT32_MAX until made
  std::vector<std::vector<uint32_t>> row_reads;            // by table: what choosing its row read
  // Input nodes are shared from here on: a call to another policy starts its
  // own, since its inputs are that call's arguments.
  uint32_t shared_from = 0;

  void reset(const Program& p);
  // A node for something read; linked under the node being computed.
  uint32_t open(TraceNode::Kind kind, uint32_t a, uint32_t b);
  void link(uint32_t node);
  // Starts and ends capturing what a table's key reads.
  void begin_capture();
  std::vector<uint32_t> end_capture();
};

// Renders an explanation for people (a tree with labels and source lines) and
// for tools (JSON). `eval` resolves records and lists held in values.
std::string explain_text(const Program& p, const Trace& t, const Evaluator& eval);
std::string explain_json(const Program& p, const Trace& t, const Evaluator& eval);

}  // namespace bao
