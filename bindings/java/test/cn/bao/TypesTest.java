package cn.bao;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypesTest {
  @Test
  void everyTypeInAndOut() {
    try (Policy p = Policy.fromFile(Fixtures.TYPES);
        Session s = p.newSession();
        Inputs in = Fixtures.fillTypes(p.newInputs());
        Result r = s.evaluate(in)) {
      assertTrue(r.ok());
      Map<String, Object> out = r.outputs();
      assertEquals(p.outputNames(), new ArrayList<>(out.keySet())); // the policy's order
      assertEquals(new BigDecimal("1234.56"), out.get("amount_out"));
      assertEquals(new BigDecimal("864.19"), out.get("paid")); // 1234.56 × 0.7 = 864.192
      assertEquals(4L, out.get("days_out"));
      assertEquals(new BigDecimal("0.375"), out.get("scaled"));
      assertEquals(new BigDecimal("0.7"), out.get("ratio_out"));
      assertEquals(Boolean.FALSE, out.get("not_insured"));
      assertEquals(LocalDate.of(2024, 3, 6), out.get("next_week"));
      assertEquals("3 days", out.get("stay"));
      assertEquals("dibao", out.get("recipient_out"));
      assertEquals("宿迁市人民医院", out.get("hospital_out"));
      assertEquals(new BigDecimal("1334.61"), r.money("total"));
      assertEquals(133461L, r.fen("total"));
      assertEquals(4L, r.getLong("days_out"));
      assertFalse(r.getBool("not_insured"));
      assertEquals("复诊", r.getString("note_out"));
      assertEquals(LocalDate.of(2024, 3, 6), r.getDate("next_week"));
      assertEquals(new BigDecimal("0.125"), r.getDecimal("factor_out"));
      // The same bytes as `bao run` for conformance case 003.
      String expected =
          Files.readString(
              Paths.get("tests/conformance/cases/003-types-optional-given/expected.out"),
              StandardCharsets.UTF_8);
      assertEquals(expected, r.toJson());
    } catch (java.io.IOException e) {
      fail(e);
    }
  }

  @Test
  void moneyIsExactBigDecimalOfScaleTwo() {
    try (Policy p = Policy.fromFile(Fixtures.TYPES);
        Session s = p.newSession();
        Inputs in = Fixtures.fillTypes(p.newInputs())) {
      // 0.1 + 0.2 in binary floating point is 0.30000000000000004; here it is exact.
      in.setMoney("amount", new BigDecimal("0.1")).setMoney("extra", new BigDecimal("0.2"));
      try (Result r = s.evaluate(in)) {
        BigDecimal total = r.money("total");
        assertEquals(2, total.scale());
        assertEquals("0.30", total.toPlainString());
        assertEquals(new BigDecimal("0.10"), r.money("amount_out"));
        assertEquals(new BigDecimal("0.07"), r.money("paid")); // 0.1 × 0.7
      }
      // Whole yuan given with scale 0 come back with scale 2; a large amount stays exact.
      in.setMoney("amount", new BigDecimal("98765432109876")).setFen("extra", 1);
      try (Result r = s.evaluate(in)) {
        assertEquals("98765432109876.00", r.money("amount_out").toPlainString());
        assertEquals("98765432109876.01", r.money("total").toPlainString());
        assertEquals(9876543210987601L, r.fen("total"));
      }
    }
  }

  @Test
  void chineseAndEmojiTextSurviveTheRoundTrip() {
    String text = "宿迁市第一人民医院 🏥 住院部 𠀀"; // an emoji and a CJK Extension B character
    try (Policy p = Policy.fromFile(Fixtures.TYPES);
        Session s = p.newSession();
        Inputs in = Fixtures.fillTypes(p.newInputs())) {
      in.setText("hospital", text);
      try (Result r = s.evaluate(in)) {
        assertEquals(text, r.getString("hospital_out"));
        assertTrue(r.toJson().contains(text), r.toJson());
      }
      // Through JSON too.
      try (Result r =
          p.evaluateJson(
              "{\"amount\": \"1\", \"days\": 1, \"factor\": \"1\", \"ratio\": \"1\", \"insured\":"
                  + " true, \"visit_date\": \"2024-01-01\", \"recipient\": \"tekun\", \"hospital\":"
                  + " \""
                  + text
                  + "\"}")) {
        assertEquals(text, r.getString("hospital_out"));
        assertEquals("0 days", r.getString("stay"));
        assertEquals("无", r.getString("note_out"));
      }
    }
  }

  @Test
  void recordsListsAndEnums() {
    try (Policy p = Policy.fromString("n.bao", Fixtures.NESTED);
        Session s = p.newSession();
        Inputs in = p.newInputs()) {
      in.setEnum("who", "b")
          .setMoney("claim.amount", new BigDecimal("70.10"))
          .setText("claim.note", "x")
          .setDecimal("ratio", BigDecimal.ONE)
          .setInt("n", 12);
      try (Result r = s.evaluate(in)) {
        Map<String, Object> detail = r.getRecord("detail");
        assertEquals(List.of("amount", "note"), new ArrayList<>(detail.keySet()));
        assertEquals(new BigDecimal("70.10"), detail.get("amount"));
        assertEquals("x", detail.get("note"));
        assertEquals(List.of(new BigDecimal("70.10"), new BigDecimal("100.00")), r.getList("many"));
        assertEquals("b", r.getString("who_out"));
        assertEquals(144L, r.getLong("square"));
        // A wrong name or type is E0850, never a value.
        assertEquals("E0850", assertThrows(BaoException.class, () -> r.money("who_out")).code());
        assertEquals("E0850", assertThrows(BaoException.class, () -> r.get("nope")).code());
        assertEquals("E0850", assertThrows(BaoException.class, () -> r.getLong("paid")).code());
      }
      // An optional field never set is absent: null in the record.
      try (Inputs fresh = p.newInputs()) {
        fresh.setEnum("who", "a").setMoney("claim.amount", BigDecimal.TEN)
            .setDecimal("ratio", new BigDecimal("0.5")).setInt("n", 1);
        try (Result r = s.evaluate(fresh)) {
          assertTrue(r.getRecord("detail").containsKey("note"));
          assertNull(r.getRecord("detail").get("note"));
          assertEquals(new BigDecimal("5.00"), r.money("paid"));
        }
      }
    }
  }
}
