package cn.bao;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Policies and inputs the tests share. Tests run from the repository root. */
final class Fixtures {
  private Fixtures() {}

  static final String TYPES = "tests/conformance/policies/types.bao";

  /** Records, lists, enums and an int that overflows when squared. */
  static final String NESTED =
      "policy t.java \"Java 测试\"\n"
          + "  rounding half_up\n"
          + "enum Who { a \"甲\" b \"乙\" }\n"
          + "record Claim { amount: money, note: text? }\n"
          + "input who: Who\n"
          + "input claim: Claim\n"
          + "input ratio: rate\n"
          + "input n: int\n"
          + "param cap: money = 100 yuan\n"
          + "rule raw: money = claim.amount * ratio\n"
          + "output paid \"支付\": money = min(raw, cap)\n"
          + "output detail: Claim = claim\n"
          + "output many: list of money = [paid, cap]\n"
          + "output who_out: Who = who\n"
          + "output square: int = n * n\n";

  /** Every input of types.bao, as conformance case 003 gives them. */
  static Inputs fillTypes(Inputs in) {
    return in.setMoney("amount", new BigDecimal("1234.56"))
        .setInt("days", 3)
        .setDecimal("factor", new BigDecimal("0.125"))
        .setDecimal("ratio", new BigDecimal("0.7"))
        .setBool("insured", true)
        .setDate("visit_date", LocalDate.of(2024, 2, 28))
        .setEnum("recipient", "dibao")
        .setText("hospital", "宿迁市人民医院")
        .setText("note", "复诊")
        .setMoney("extra", new BigDecimal("100.05"))
        .setDate("discharged", LocalDate.of(2024, 3, 2));
  }
}
