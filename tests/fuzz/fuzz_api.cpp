// libFuzzer target: random calls of the public API in random order — typed
// setters with hostile values, set_json, moves, evaluations on the right and
// on the wrong policy's Session, results before any evaluation.
//
// Besides the sanitizers, a model checks every answer: the fuzzer keeps, for
// each Inputs, the JSON case its successful calls amount to (and the paths a
// failed setter refused). Evaluating the Inputs must then agree with
// evaluating that JSON case through evaluate_json — the same outputs, or an
// error of the same code — and a refused path, a moved-from Inputs or another
// policy's Inputs must be an error, never an amount.
//
//   build-fuzz/tests/fuzz/fuzz_api corpus/api
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "lang/eval/format.hpp"
#include "tests/fuzz/fuzz_common.hpp"

namespace {

using namespace bao;
using nlohmann::json;

const char* kPolicy = R"(policy f.api "接口"
  rounding half_up
enum Who { tekun "特困" dibao "低保" other "其他" }
record Claim { date: date, in_scope: money, visits: int, share: decimal, ratio: rate,
               inpatient: bool, note: text, extra: money? }
input who: Who
input claim: Claim
input bonus: money?
input age: int
table terms by who {
  columns ratio: rate
  tekun: 100%
  dibao: 60%
  other: ineligible
}
output pay: money = if terms.eligible then claim.in_scope * terms.ratio * claim.ratio else 0 yuan
output extra: money = or_else(claim.extra, 1 yuan) + or_else(bonus, 2 yuan) + claim.in_scope * claim.share
output days: int = claim.visits + age + (if claim.inpatient then 1 else 0)
output year: int = year(claim.date)
output note: text = claim.note
)";

const char* kOther = R"(policy f.other
input who: int
input claim: money
output pay: money = claim
)";

// A complete case: most sequences start from it, so that evaluations succeed
// and a setter's wrong answer shows as a wrong amount, not one E0801 among many.
const char* kComplete = R"({"who": "dibao", "age": 70, "claim": {"date": "2025-03-01",
  "in_scope": "1000.00", "visits": 2, "share": "0.5", "ratio": "0.9", "inpatient": true,
  "note": "住院"}})";

const std::array<const char*, 14> kPaths = {
    "who",         "claim",           "bonus",        "age",
    "claim.date",  "claim.in_scope",  "claim.visits", "claim.share",
    "claim.ratio", "claim.inpatient", "claim.note",   "claim.extra",
    "nope",        "claim.nope"};
const std::array<const char*, 6> kVariants = {"tekun", "dibao", "other", "DIBAO", "", "低保"};

// What an Inputs amounts to: a JSON case, the paths refused since, or gone.
struct Model {
  json value = json::object();
  std::set<std::string> refused;
  bool json_refused = false;
  bool moved = false;
};

void put(Model& m, const std::string& path, json v) {
  auto dot = path.find('.');
  std::string head = path.substr(0, dot);
  if (dot == std::string::npos) {
    m.value[head] = std::move(v);
  } else {
    if (!m.value.contains(head) || !m.value[head].is_object()) m.value[head] = json::object();
    m.value[head][path.substr(dot + 1)] = std::move(v);
  }
  m.refused.erase(path);
  m.refused.erase(head);
}

void refuse(Model& m, const std::string& path) {
  auto dot = path.find('.');
  std::string head = path.substr(0, dot);
  if (head == "nope" || (dot != std::string::npos && head != "claim")) return;  // no such input
  if (path == "claim.nope") return;
  if (dot == std::string::npos)
    m.value.erase(head);
  else if (m.value.contains(head) && m.value[head].is_object())
    m.value[head].erase(path.substr(dot + 1));
  m.refused.insert(path);
}

// The setter's answer, folded into the model.
void record(Model& m, const std::string& path, const Status& status, json v) {
  fuzz::require(status.ok() == status.message.empty(), "a Status with a code and no message");
  if (m.moved) {
    fuzz::require(status.code == "E0850", "a moved-from Inputs accepted a value");
    return;
  }
  if (status.ok())
    put(m, path, std::move(v));
  else
    refuse(m, path);
}

struct World {
  Policy policy, other;
  World() {
    policy = Policy::from_string("api.bao", kPolicy);
    other = Policy::from_string("other.bao", kOther);
    fuzz::require(policy.ok() && other.ok(), "the fuzz policies do not load");
  }
};

std::string code(const Result& r) {
  return r.ok() ? "ok" : r.error()->code;
}

void check_evaluation(const World& w, Session& s, const Inputs& in, const Model& m) {
  bool ok = s.evaluate(in);
  Result r = s.result();
  fuzz::require(ok == r.ok(), "evaluate and result disagree");
  if (m.moved) {
    fuzz::require(code(r) == "E0850", "a moved-from Inputs was evaluated");
    return;
  }
  if (m.json_refused) {
    fuzz::require(!ok, "a refused set_json was evaluated");
    return;
  }
  if (!m.refused.empty()) {
    fuzz::require(code(r) == "E0801", "a refused path did not make the case E0801");
    return;
  }
  Result expected = w.policy.evaluate_json(m.value.dump());
  bool same_kind = code(r) == code(expected) ||
                   // A partial record: JSON names the missing field E0801 too.
                   (!r.ok() && !expected.ok() && code(r) == "E0801" && code(expected) == "E0801");
  if (!same_kind)
    fprintf(stderr, "typed %s vs JSON %s on %s\n", code(r).c_str(), code(expected).c_str(),
            m.value.dump().c_str());
  fuzz::require(same_kind, "typed inputs and the same case as JSON give different answers");
  if (ok) fuzz::require(r.outputs() == expected.outputs(), "typed and JSON outputs differ");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const World w;
  FuzzedDataProvider fdp(data, size);
  std::array<std::optional<Inputs>, 3> inputs;
  std::array<Model, 3> models;
  for (size_t k = 0; k < inputs.size(); ++k) {
    inputs[k].emplace(w.policy);
    if (fdp.ConsumeIntegralInRange(0, 3) == 0) continue;
    fuzz::require(inputs[k]->set_json(kComplete).empty(), "the complete case is refused");
    models[k].value = json::parse(kComplete);
  }
  std::optional<Session> session(std::in_place, w.policy);
  Session wrong(w.other);
  for (int step = 0; step < 64 && fdp.remaining_bytes() > 0; ++step) {
    size_t k = fdp.ConsumeIntegralInRange<size_t>(0, inputs.size() - 1);
    Inputs& in = *inputs[k];
    Model& m = models[k];
    std::string path = fdp.PickValueInArray(kPaths);
    switch (fdp.ConsumeIntegralInRange(0, 12)) {
      case 0: {
        int64_t fen = fdp.ConsumeBool() ? fdp.ConsumeIntegral<int64_t>()
                                        : fdp.ConsumeIntegralInRange<int64_t>(-5, 1'000'000);
        record(m, path, in.set_money(path, fen), fen_to_string(fen));
        break;
      }
      case 1: {
        int64_t v = fdp.ConsumeIntegralInRange<int64_t>(-1000, 1000);
        record(m, path, in.set_int(path, v), v);
        break;
      }
      case 2: {
        Decimal d = Decimal::from_raw(fdp.ConsumeIntegralInRange<int64_t>(0, 2'000'000'000'000));
        record(m, path, in.set_decimal(path, d), d.to_string());
        break;
      }
      case 3: {
        bool b = fdp.ConsumeBool();
        record(m, path, in.set_bool(path, b), b);
        break;
      }
      case 4: {
        Date d =
            Date::from_days(fdp.ConsumeBool() ? fdp.ConsumeIntegral<int32_t>()
                                              : fdp.ConsumeIntegralInRange<int32_t>(18000, 21000));
        Status err = in.set_date(path, d);
        bool valid = d.days() >= Date::kMinDays && d.days() <= Date::kMaxDays;
        fuzz::require(valid || !err.ok(), "a date outside 0001..9999 was accepted");
        record(m, path, err, valid ? json(d.to_string()) : json());
        break;
      }
      case 5: {
        std::string v =
            fdp.ConsumeBool() ? fdp.PickValueInArray(kVariants) : fdp.ConsumeRandomLengthString(12);
        record(m, path, in.set_enum(path, v), v);
        break;
      }
      case 6: {
        std::string text = fdp.ConsumeRandomLengthString(16);
        Status err = in.set_text(path, text);
        fuzz::require(find_invalid_utf8(text) == std::string::npos || !err.ok(),
                      "a text that is not UTF-8, or holds NUL, was accepted");
        record(m, path, err, text);
        break;
      }
      case 7: {
        // The case the model holds, or bytes.
        std::string text = fdp.ConsumeBool() ? m.value.dump() : fdp.ConsumeRandomLengthString(64);
        auto errors = in.set_json(text);
        if (m.moved) {
          fuzz::require(!errors.empty(), "a moved-from Inputs accepted JSON");
          break;
        }
        m = Model{};
        m.json_refused = !errors.empty();
        if (errors.empty()) m.value = json::parse(text);
        break;
      }
      case 8:
        if (session) check_evaluation(w, *session, in, m);
        break;
      case 9: {
        size_t to = fdp.ConsumeIntegralInRange<size_t>(0, inputs.size() - 1);
        if (to == k) break;
        *inputs[to] = std::move(in);
        models[to] = models[k];
        models[k] = Model{};
        models[k].moved = true;
        break;
      }
      case 10:
        fuzz::require(!wrong.evaluate(in) && !wrong.result().ok(),
                      "a Session evaluated another policy's Inputs");
        break;
      case 11: {
        Session fresh(w.policy);
        fuzz::require(code(fresh.result()) == "E0850", "a result before evaluate is not E0850");
        break;
      }
      case 12: {
        Session moved = std::move(*session);
        fuzz::require(!session->evaluate(in) && code(session->result()) == "E0850",
                      "a moved-from Session evaluated");
        session.emplace(std::move(moved));
        break;
      }
    }
  }
  return 0;
}
