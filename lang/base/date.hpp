// Calendar dates and durations for policy rules such as "within 90 days of
// discharge" or "enrolled for 3 months". Dates are proleptic Gregorian day
// numbers; durations keep months and days apart because a month has no fixed
// length, and month arithmetic clamps to the month's last day.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/base/export.hpp"

namespace bao {

struct YearMonthDay {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(YearMonthDay, YearMonthDay) = default;
};

// Days since 1970-01-01. Valid range 0001-01-01 .. 9999-12-31, which is what
// four-digit ISO text can express.
class BAO_API Date {
 public:
  static constexpr int32_t kMinDays = -719162;  // 0001-01-01
  static constexpr int32_t kMaxDays = 2932896;  // 9999-12-31

  constexpr Date() = default;
  // nullopt for impossible dates (2025-02-30, month 13) or years outside 1..9999.
  static std::optional<Date> from_ymd(int y, int m, int d);
  // Exactly "YYYY-MM-DD" with ASCII digits.
  static std::optional<Date> parse(std::string_view s);
  // Unchecked: the caller keeps d within [kMinDays, kMaxDays].
  static constexpr Date from_days(int32_t d) {
    Date r;
    r.days_ = d;
    return r;
  }
  constexpr int32_t days() const { return days_; }

  YearMonthDay ymd() const;  // one conversion; prefer it when needing several fields
  int year() const { return ymd().year; }
  int month() const { return ymd().month; }
  int day() const { return ymd().day; }
  std::string to_string() const;  // "2025-03-01"

  friend auto operator<=>(Date, Date) = default;
  friend bool operator==(Date, Date) = default;

 private:
  int32_t days_ = 0;
};

// Whole months plus days; "1 year" is 12 months. Either part may be negative.
struct Duration {
  int32_t months = 0;
  int32_t days = 0;
  friend bool operator==(Duration, Duration) = default;
};

// "3 months", "90 days", "1 month", "1 day", "1 month 5 days", "0 days".
BAO_API std::string duration_to_string(Duration d);

// Days-only and months-only durations compare within their own kind; "1 month"
// against "30 days" has no honest answer, so mixing kinds (or any duration
// with both parts) gives nullopt. The zero duration belongs to both kinds.
BAO_API std::optional<std::strong_ordering> compare_durations(Duration a, Duration b);

// Months are applied first, clamping to the month's end (2025-01-31 + 1 month
// = 2025-02-28; 2024-02-29 + 12 months = 2025-02-28), then days. Returns false
// when the final result leaves the valid range.
BAO_API bool add_duration(Date d, Duration dur, Date& out);
BAO_API bool sub_duration(Date d, Duration dur, Date& out);

BAO_API int64_t days_between(Date from, Date to);  // to - from

// The n, truncated toward zero, for which `from` moved by n months (with the
// clamping of add_duration) has not passed `to`: 2025-01-31 -> 2025-02-28 is
// 1, 2025-01-31 -> 2025-02-27 is 0, 2025-03-31 -> 2025-02-28 is -1. Because
// the count steps from `from`, months_between(a, b) need not equal
// -months_between(b, a) around month ends.
BAO_API int32_t months_between(Date from, Date to);

BAO_API bool is_leap_year(int y);
BAO_API int days_in_month(int y, int m);  // 0 when m is not 1..12

}  // namespace bao
