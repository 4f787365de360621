// Tests for Date and Duration: parsing, the day-number round trip, and the
// month-end clamping rules policies depend on ("within 1 month of discharge").
#include "lang/base/date.hpp"

#include <doctest/doctest.h>

namespace bao {
namespace {

Date date(std::string_view s) {
  auto d = Date::parse(s);
  REQUIRE_MESSAGE(d.has_value(), "bad test literal ", std::string(s));
  return *d;
}

std::string plus(std::string_view d, Duration dur) {
  Date out;
  return add_duration(date(d), dur, out) ? out.to_string() : "out of range";
}

std::string minus(std::string_view d, Duration dur) {
  Date out;
  return sub_duration(date(d), dur, out) ? out.to_string() : "out of range";
}

int32_t months(std::string_view from, std::string_view to) {
  return months_between(date(from), date(to));
}

TEST_CASE("date parse accepts real dates only") {
  for (std::string_view s : {"2025-03-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31",
                             "1970-01-01", "2025-12-31"}) {
    auto d = Date::parse(s);
    REQUIRE_MESSAGE(d, "rejected: ", std::string(s));
    CHECK(d->to_string() == s);
  }
  for (std::string_view s :
       {"2025-02-30", "2023-02-29", "1900-02-29", "2100-02-29", "2025-04-31", "2025-13-01",
        "2025-00-10", "2025-01-00", "0000-01-01", "2025-1-01", "2025-01-1", "2025-01-01x",
        " 2025-01-01", "2025/01/01", "20250101", "", "2025-01-+1", "+025-01-01", "2025-0a-01"}) {
    CHECK_MESSAGE(!Date::parse(s), "accepted: ", std::string(s));
  }
}

TEST_CASE("date day numbers") {
  CHECK(date("1970-01-01").days() == 0);
  CHECK(date("1969-12-31").days() == -1);
  CHECK(date("2000-03-01").days() == 11017);  // 30*365 + 7 leap days + 31 + 29
  CHECK(date("0001-01-01").days() == Date::kMinDays);
  CHECK(date("9999-12-31").days() == Date::kMaxDays);
  CHECK(Date::from_days(Date::kMinDays).to_string() == "0001-01-01");
  CHECK(Date().to_string() == "1970-01-01");
  const YearMonthDay v = date("2024-02-29").ymd();
  CHECK(v.year == 2024);
  CHECK(v.month == 2);
  CHECK(v.day == 29);
  CHECK(date("2025-07-04").year() == 2025);
  CHECK(date("2025-07-04").month() == 7);
  CHECK(date("2025-07-04").day() == 4);
  CHECK(date("2024-12-31") < date("2025-01-01"));
  CHECK(date("2025-01-01") == *Date::from_ymd(2025, 1, 1));
  CHECK_FALSE(Date::from_ymd(10000, 1, 1));
  CHECK_FALSE(Date::from_ymd(0, 12, 31));
  CHECK_FALSE(Date::from_ymd(2025, 6, 31));
}

TEST_CASE("every day 1900-2100 round trips") {
  int32_t days = date("1900-01-01").days();
  int checked = 0;
  bool all_ok = true;
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= days_in_month(y, m); ++d, ++days) {
        const Date x = Date::from_days(days);
        const auto from = Date::from_ymd(y, m, d);
        const bool ok = from && from->days() == days && x.ymd() == YearMonthDay{y, m, d} &&
                        Date::parse(x.to_string()) == x;
        if (!ok) {
          all_ok = false;
          FAIL_CHECK("mismatch at ", y, "-", m, "-", d);
        }
        ++checked;
      }
    }
  }
  CHECK(all_ok);
  CHECK(days == date("2101-01-01").days());
  CHECK(checked == 73414);  // 201 * 365 + 49 leap days (1904, 1908, ..., 2096)
}

TEST_CASE("leap years and month lengths") {
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2000));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2025));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2025, 4) == 30);
  CHECK(days_in_month(2025, 12) == 31);
  CHECK(days_in_month(2025, 13) == 0);
  CHECK(days_in_month(2025, 0) == 0);
}

TEST_CASE("month arithmetic clamps to the month's end") {
  CHECK(plus("2025-01-31", {1, 0}) == "2025-02-28");
  CHECK(plus("2024-01-31", {1, 0}) == "2024-02-29");
  CHECK(plus("2024-02-29", {12, 0}) == "2025-02-28");
  CHECK(plus("2024-02-29", {48, 0}) == "2028-02-29");
  CHECK(plus("2025-01-31", {3, 0}) == "2025-04-30");
  CHECK(plus("2025-11-30", {3, 0}) == "2026-02-28");
  CHECK(plus("2025-12-15", {1, 0}) == "2026-01-15");
  CHECK(minus("2025-03-31", {1, 0}) == "2025-02-28");
  CHECK(minus("2025-01-15", {1, 0}) == "2024-12-15");
  CHECK(minus("2025-01-15", {25, 0}) == "2022-12-15");
  CHECK(plus("2025-03-31", {-1, 0}) == "2025-02-28");
  // Months first, then days: 2025-02-28 + 2 days, not 2025-02-01 + 1 month.
  CHECK(plus("2025-01-30", {1, 2}) == "2025-03-02");
  CHECK(plus("2025-01-31", {1, 1}) == "2025-03-01");
  CHECK(minus("2025-03-31", {1, 1}) == "2025-02-27");
}

TEST_CASE("day arithmetic") {
  CHECK(plus("2025-02-28", {0, 1}) == "2025-03-01");
  CHECK(plus("2024-02-28", {0, 1}) == "2024-02-29");
  CHECK(plus("2025-01-01", {0, 90}) == "2025-04-01");  // 31 + 28 + 31
  CHECK(plus("2024-12-31", {0, 1}) == "2025-01-01");
  CHECK(minus("2024-03-01", {0, 1}) == "2024-02-29");
  CHECK(minus("2025-01-01", {0, 365}) == "2024-01-02");
  CHECK(plus("2025-01-01", {0, 0}) == "2025-01-01");
}

TEST_CASE("duration arithmetic out of range returns false") {
  CHECK(plus("9999-12-31", {0, 1}) == "out of range");
  CHECK(minus("0001-01-01", {0, 1}) == "out of range");
  CHECK(plus("9999-12-01", {1, 0}) == "out of range");
  CHECK(minus("0001-01-31", {1, 0}) == "out of range");
  CHECK(plus("2025-01-01", {INT32_MAX, 0}) == "out of range");
  CHECK(plus("2025-01-01", {INT32_MIN, 0}) == "out of range");
  CHECK(minus("2025-01-01", {INT32_MIN, INT32_MIN}) == "out of range");
  CHECK(plus("2025-01-01", {0, INT32_MAX}) == "out of range");
  CHECK(plus("9999-12-30", {0, 1}) == "9999-12-31");
  // Only the final date must be in range.
  CHECK(plus("9999-12-15", {1, -20}) == "9999-12-26");
}

TEST_CASE("days_between") {
  CHECK(days_between(date("2024-01-01"), date("2025-01-01")) == 366);
  CHECK(days_between(date("2025-01-01"), date("2026-01-01")) == 365);
  CHECK(days_between(date("2025-01-01"), date("2024-01-01")) == -366);
  CHECK(days_between(date("2024-02-28"), date("2024-03-01")) == 2);
  CHECK(days_between(date("2025-02-28"), date("2025-03-01")) == 1);
  CHECK(days_between(date("1900-01-01"), date("2000-01-01")) == 36524);
  CHECK(days_between(date("2000-01-01"), date("2100-01-01")) == 36525);
  CHECK(days_between(date("0001-01-01"), date("9999-12-31")) == 3652058);
  CHECK(days_between(date("2025-05-05"), date("2025-05-05")) == 0);
}

TEST_CASE("months_between counts completed months") {
  CHECK(months("2025-01-15", "2025-01-15") == 0);
  CHECK(months("2025-01-15", "2025-02-14") == 0);
  CHECK(months("2025-01-15", "2025-02-15") == 1);
  CHECK(months("2025-01-15", "2025-03-14") == 1);
  CHECK(months("2025-01-15", "2025-03-15") == 2);
  CHECK(months("2025-01-31", "2025-02-27") == 0);
  CHECK(months("2025-01-31", "2025-02-28") == 1);  // clamped month end counts
  CHECK(months("2024-01-31", "2024-02-28") == 0);
  CHECK(months("2024-01-31", "2024-02-29") == 1);
  CHECK(months("2025-01-31", "2025-03-30") == 1);
  CHECK(months("2025-01-31", "2025-03-31") == 2);
  CHECK(months("2024-02-29", "2025-02-28") == 12);
  CHECK(months("2020-02-29", "2021-02-27") == 11);
  CHECK(months("2000-01-01", "2025-01-01") == 300);
  CHECK(months("2024-12-31", "2025-01-01") == 0);
  // Backwards: negative, truncated toward zero.
  CHECK(months("2025-03-15", "2025-02-16") == 0);
  CHECK(months("2025-03-15", "2025-02-15") == -1);
  CHECK(months("2025-03-31", "2025-02-28") == -1);
  CHECK(months("2025-03-31", "2025-02-27") == -1);  // 2025-02-28 is not before it
  CHECK(months("2025-03-31", "2025-03-01") == 0);
  CHECK(months("2025-01-01", "2000-01-01") == -300);
}

TEST_CASE("months_between agrees with add_duration") {
  // For every pair, `from` + n months has not passed `to` and + (n ± 1) has.
  const Date start = date("2023-11-25");
  for (int i = 0; i < 120; ++i) {
    const Date from = Date::from_days(start.days() + i);
    for (int j = -100; j <= 100; j += 3) {
      const Date to = Date::from_days(from.days() + j * 5);
      const int32_t n = months_between(from, to);
      Date at, next;
      REQUIRE(add_duration(from, {n, 0}, at));
      if (to >= from) {
        REQUIRE(add_duration(from, {n + 1, 0}, next));
        CHECK((n >= 0 && at <= to && next > to));
      } else {
        REQUIRE(add_duration(from, {n - 1, 0}, next));
        CHECK((n <= 0 && at >= to && next < to));
      }
    }
  }
}

TEST_CASE("durations print and compare") {
  CHECK(duration_to_string({3, 0}) == "3 months");
  CHECK(duration_to_string({0, 90}) == "90 days");
  CHECK(duration_to_string({1, 0}) == "1 month");
  CHECK(duration_to_string({0, 1}) == "1 day");
  CHECK(duration_to_string({1, 5}) == "1 month 5 days");
  CHECK(duration_to_string({0, 0}) == "0 days");
  CHECK(duration_to_string({-1, 0}) == "-1 month");
  CHECK(duration_to_string({12, 0}) == "12 months");

  CHECK(compare_durations({3, 0}, {4, 0}) == std::strong_ordering::less);
  CHECK(compare_durations({12, 0}, {12, 0}) == std::strong_ordering::equal);
  CHECK(compare_durations({0, 91}, {0, 90}) == std::strong_ordering::greater);
  CHECK(compare_durations({0, 0}, {1, 0}) == std::strong_ordering::less);
  CHECK(compare_durations({0, 5}, {0, 0}) == std::strong_ordering::greater);
  CHECK_FALSE(compare_durations({1, 0}, {0, 30}));
  CHECK_FALSE(compare_durations({0, 30}, {1, 0}));
  CHECK_FALSE(compare_durations({1, 5}, {1, 5}));
  CHECK_FALSE(compare_durations({1, 5}, {2, 0}));
  CHECK(Duration{1, 5} == Duration{1, 5});
  CHECK_FALSE(Duration{1, 0} == Duration{0, 30});
}

}  // namespace
}  // namespace bao
