// The sealed API's host-facing parts: identity and fingerprint, loading
// through a host's loader, input and output handles, typed outputs and
// schemas. Every wrong use is a Status with a code, never a value.
#include <doctest/doctest.h>

#include <map>

#include "lang/api/bao.hpp"

namespace {

const char* kParent = R"(policy t.parent "上级"
  rounding half_up
enum Who { a "甲" b "乙" }
record Claim { amount: money, note: text? }
input who: Who
input claim: Claim
input ratio: rate
param cap: money = 100 yuan
rule raw: money = claim.amount * ratio
output paid "支付": money = min(raw, cap)
output detail: Claim = claim
output many: list of money = [paid, cap]
output who_out: Who = who
)";

const char* kChild = R"(policy t.child "下级"
  extends t.parent
override param cap: money = 50 yuan
)";

bao::SourceLoader memory(std::map<std::string, std::string>& files, int* calls = nullptr) {
  return [&files, calls](std::string_view rel) -> std::optional<bao::LoadedFile> {
    if (calls) ++*calls;
    auto it = files.find(std::string(rel));
    if (it == files.end()) return std::nullopt;
    return bao::LoadedFile{"mem:" + it->first, it->second, ""};
  };
}

}  // namespace

TEST_CASE("a policy loads through a host's loader, with its parent, and reads no disk") {
  std::map<std::string, std::string> files{{"t/parent.bao", kParent}, {"t/child.bao", kChild}};
  int calls = 0;
  bao::Policy p = bao::Policy::from_loader("t/child.bao", memory(files, &calls));
  REQUIRE(p.ok());
  CHECK(calls == 2);  // the child, then its parent
  bao::Result r = p.evaluate_json(R"({"who": "a", "claim": {"amount": "80.00"}, "ratio": "100%"})");
  REQUIRE(r.ok());
  CHECK(*r.output("paid") == "50.00");  // the child's cap
  // A missing parent names the loader, not a folder.
  files.erase("t/parent.bao");
  bao::Policy broken = bao::Policy::from_loader("t/child.bao", memory(files));
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.diagnostics().front().code == "E0111");
  CHECK(broken.diagnostics().front().file == "mem:t/child.bao");
  CHECK(broken.diagnostics().front().help.find("loader") != std::string::npos);
  // A root the loader lacks, or cannot read, is E0005.
  CHECK(bao::Policy::from_loader("t/none.bao", memory(files)).diagnostics().front().code ==
        "E0005");
  auto failing = [](std::string_view) -> std::optional<bao::LoadedFile> {
    return bao::LoadedFile{"db:1", "", "connection refused"};
  };
  bao::Policy unread = bao::Policy::from_loader("t/x.bao", failing);
  CHECK(unread.diagnostics().front().code == "E0005");
  CHECK(unread.diagnostics().front().message.find("connection refused") != std::string::npos);
  CHECK(bao::Policy::from_loader("t/x.bao", nullptr).diagnostics().front().code == "E0005");
}

TEST_CASE("the fingerprint is SHA-256 of the files by canonical name, wherever they sit") {
  std::map<std::string, std::string> files{{"t/parent.bao", kParent}, {"t/child.bao", kChild}};
  bao::Policy a = bao::Policy::from_loader("t/child.bao", memory(files));
  REQUIRE(a.ok());
  const bao::Identity& id = a.identity();
  CHECK(id.policy == "t.child");
  CHECK(id.bao_version == bao::version());
  CHECK(id.fingerprint.size() == 64);
  // The same bytes under other display names: the same fingerprint.
  auto renamed = [&files](std::string_view rel) -> std::optional<bao::LoadedFile> {
    auto it = files.find(std::string(rel));
    if (it == files.end()) return std::nullopt;
    return bao::LoadedFile{"/elsewhere/" + it->first, it->second, ""};
  };
  CHECK(bao::Policy::from_loader("t/child.bao", renamed).identity().fingerprint == id.fingerprint);
  // One byte of the parent changes it; so does one byte of the child.
  files["t/parent.bao"] = std::string(kParent) + " ";
  CHECK(bao::Policy::from_loader("t/child.bao", memory(files)).identity().fingerprint !=
        id.fingerprint);
  // The exact bytes hashed (docs/embedding.md): computed independently with
  //   python3 -c "import hashlib; t=open('p.bao','rb').read(); print(hashlib.sha256(
  //     b'bao-fingerprint-1\\nt/p.bao\\n' + str(len(t)).encode() + b'\\n' + t +
  //     b'\\n').hexdigest())"
  std::map<std::string, std::string> one{{"t/p.bao", "policy t.p \"p\"\noutput x: int = 1\n"}};
  bao::Policy p = bao::Policy::from_loader("t/p.bao", memory(one));
  REQUIRE(p.ok());
  CHECK(p.identity().fingerprint ==
        "18140a240694f4c4798be5bd8fca57fc9b94c6e43c31881263873046f16f0dd9");
  // Every Result of the policy carries it.
  bao::Result r = p.evaluate_json("{}");
  CHECK(r.identity().fingerprint == p.identity().fingerprint);
  CHECK(r.identity().policy == "t.p");
}

TEST_CASE("input handles are resolved once and refuse another policy's use") {
  bao::Policy p = bao::Policy::from_string("p.bao", kParent);
  REQUIRE(p.ok());
  auto amount = p.input("claim.amount");
  auto who = p.input("who");
  auto ratio = p.input("ratio");
  REQUIRE(amount.ok());
  CHECK(amount.value->kind == bao::Kind::money);
  CHECK(who.value->kind == bao::Kind::enumeration);
  auto bad = p.input("claim.amount_typo");
  CHECK_FALSE(bad.ok());
  CHECK_FALSE(bad.value.has_value());
  CHECK(bad.status.code == "E0807");
  CHECK(bad.status.path == "claim.amount_typo");

  bao::Inputs in(p);
  CHECK(in.set_enum(*who.value, "b").ok());
  CHECK(in.set_decimal(*ratio.value, *bao::Decimal::parse("0.5")).ok());
  bao::Status s = in.set_money(*amount.value, -1);
  CHECK(s.code == "E0808");
  CHECK(s.path == "claim.amount");
  CHECK(in.set_int(*amount.value, 5).code == "E0802");
  CHECK(in.set_money(*amount.value, *bao::Decimal::parse("1.234")).code == "E0803");
  CHECK(in.set_money(*amount.value, 12345).ok());
  bao::Session session(p);
  REQUIRE(session.evaluate(in));
  auto paid = p.output("paid");
  REQUIRE(paid.ok());
  auto fen = session.output_fen(*paid.value);
  REQUIRE(fen.ok());
  CHECK(*fen.value == 6173);  // 123.45 × 50% = 61.725 → 61.73 (half_up)

  // The same handle with another load of the same text: E0850.
  bao::Policy q = bao::Policy::from_string("p.bao", kParent);
  bao::Inputs other(q);
  CHECK(other.set_enum(*who.value, "a").code == "E0850");
  bao::Session qs(q);
  CHECK(qs.output_fen(*paid.value).status.code == "E0850");
  CHECK(in.set_enum(bao::InputHandle{}, "a").code == "E0850");
  CHECK(session.output_fen(bao::OutputHandle{}).status.code == "E0850");
  auto who_out = p.output("who_out");
  CHECK(session.output_fen(*who_out.value).status.code == "E0850");  // not money
  CHECK(p.output("nothing").status.code == "E0850");
}

TEST_CASE("typed outputs: money exact, records and lists as views, errors as statuses") {
  bao::Policy p = bao::Policy::from_string("p.bao", kParent);
  REQUIRE(p.ok());
  bao::Result r = p.evaluate_json(
      R"({"who": "b", "claim": {"amount": "70.10", "note": "x"}, "ratio": "100%"})");
  REQUIRE(r.ok());
  auto paid = r.output_money("paid");
  REQUIRE(paid.ok());
  CHECK(paid.value->to_string(2) == "70.10");
  CHECK(*r.output_fen("paid").value == 7010);
  auto detail = r.output_value("detail");
  REQUIRE(detail.ok());
  CHECK(detail.value->kind == bao::Kind::record);
  REQUIRE(detail.value->field("amount") != nullptr);
  CHECK(detail.value->field("amount")->integer == 7010);
  CHECK(detail.value->field("note")->text == "x");
  CHECK(detail.value->field("nope") == nullptr);
  auto many = r.output_value("many");
  REQUIRE(many.ok());
  REQUIRE(many.value->items.size() == 2);
  CHECK(many.value->items[1].decimal.to_string(2) == "100.00");
  auto who = r.output_value("who_out");
  CHECK(who.value->text == "b");
  CHECK(who.value->label == "乙");
  CHECK(r.output_money("who_out").status.code == "E0850");
  CHECK(r.output_money("nope").status.code == "E0850");
  auto h = p.output("many");
  CHECK(r.output_value(*h.value).value->items.size() == 2);
  // An optional left out is Kind::none.
  bao::Result r2 = p.evaluate_json(R"({"who": "a", "claim": {"amount": "1.00"}, "ratio": "1%"})");
  CHECK(r2.output_value("detail").value->field("note")->kind == bao::Kind::none);
  // A failed evaluation answers every read with its own error.
  bao::Result bad = p.evaluate_json(R"({"who": "c"})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.output_money("paid").status.code == bad.error()->code);
  CHECK_FALSE(bad.output_money("paid").value.has_value());
  CHECK(bad.error()->path == "$.who");
}

TEST_CASE("the schema describes inputs and outputs, nested") {
  bao::Policy p = bao::Policy::from_string("p.bao", kParent);
  std::vector<bao::Schema> ins = p.inputs();
  REQUIRE(ins.size() == 3);
  CHECK(ins[0].name == "who");
  CHECK(ins[0].variants == std::vector<std::string>{"a", "b"});
  CHECK(ins[1].kind == bao::Kind::record);
  REQUIRE(ins[1].fields.size() == 2);
  CHECK(ins[1].fields[1].name == "note");
  CHECK(ins[1].fields[1].optional);
  CHECK(ins[1].fields[1].kind == bao::Kind::text);
  std::vector<bao::Schema> outs = p.outputs();
  REQUIRE(outs.size() == 4);
  CHECK(outs[0].label == "支付");
  CHECK(outs[2].kind == bao::Kind::list);
  CHECK(outs[2].fields.at(0).kind == bao::Kind::money);
  CHECK(bao::kind_name(bao::Kind::enumeration) == "enum");
}

TEST_CASE("diagnostics are owned values with file, line, column and JSON path") {
  bao::Policy p = bao::Policy::from_string("bad.bao", "policy t.b \"b\"\noutput x: int = y\n");
  REQUIRE_FALSE(p.ok());
  const bao::Diagnostic& d = p.diagnostics().front();
  CHECK(d.code == "E0101");
  CHECK(d.name == "unknown_name");
  CHECK(d.file == "bad.bao");
  CHECK(d.start.line == 2);
  CHECK(d.start.column == 17);
  CHECK(d.path.empty());
  // Rendering what the host kept gives what the policy renders.
  CHECK(p.render(p.diagnostics(), bao::Format::text) == p.render(bao::Format::text));
  CHECK(p.render(p.diagnostics(), bao::Format::json) == p.render(bao::Format::json));
}
