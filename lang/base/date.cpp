// Date conversions use Howard Hinnant's days_from_civil / civil_from_days,
// which are exact for the proleptic Gregorian calendar without tables or
// loops. Month arithmetic works on a month index (year * 12 + month - 1).
#include "lang/base/date.hpp"

#include <algorithm>

namespace bao {

namespace {

// int64 so that month arithmetic far outside the valid range cannot overflow
// before the final range check.
constexpr int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                    // [0, 399]
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}

constexpr YearMonthDay civil_from_days(int32_t days) {
  const int64_t z = int64_t{days} + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(1, 1, 1) == Date::kMinDays);
static_assert(days_from_civil(9999, 12, 31) == Date::kMaxDays);
static_assert(civil_from_days(Date::kMinDays) == YearMonthDay{1, 1, 1});

constexpr bool leap(int64_t y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr int month_length(int64_t y, int m) {
  constexpr int kLen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kLen[m - 1];
}

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t month_index(const YearMonthDay& v) {
  return int64_t{v.year} * 12 + (v.month - 1);
}

// Day number of `v` moved by `months`, clamping the day to the target month.
int64_t shift_months(const YearMonthDay& v, int64_t months) {
  const int64_t idx = month_index(v) + months;
  const int64_t y = floor_div(idx, 12);
  const int m = static_cast<int>(idx - y * 12) + 1;
  return days_from_civil(y, m, std::min(v.day, month_length(y, m)));
}

bool move(Date d, int64_t months, int64_t days, Date& out) {
  const int64_t r = shift_months(d.ymd(), months) + days;
  if (r < Date::kMinDays || r > Date::kMaxDays) return false;
  out = Date::from_days(static_cast<int32_t>(r));
  return true;
}

void append_padded(std::string& s, int v, int width) {
  char buf[4];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  s.append(buf, static_cast<size_t>(width));
}

std::string count_unit(int32_t n, const char* unit) {
  std::string s = std::to_string(n);
  s += ' ';
  s += unit;
  if (n != 1 && n != -1) s += 's';
  return s;
}

}  // namespace

bool is_leap_year(int y) {
  return leap(y);
}

int days_in_month(int y, int m) {
  return m >= 1 && m <= 12 ? month_length(y, m) : 0;
}

std::optional<Date> Date::from_ymd(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > month_length(y, m)) {
    return std::nullopt;
  }
  return from_days(static_cast<int32_t>(days_from_civil(y, m, d)));
}

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int field[3] = {0, 0, 0};
  const size_t begin[3] = {0, 5, 8};
  const size_t end[3] = {4, 7, 10};
  for (int f = 0; f < 3; ++f) {
    for (size_t i = begin[f]; i < end[f]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      field[f] = field[f] * 10 + (s[i] - '0');
    }
  }
  return from_ymd(field[0], field[1], field[2]);
}

YearMonthDay Date::ymd() const {
  return civil_from_days(days_);
}

std::string Date::to_string() const {
  const YearMonthDay v = ymd();
  std::string s;
  s.reserve(10);
  append_padded(s, v.year, 4);
  s += '-';
  append_padded(s, v.month, 2);
  s += '-';
  append_padded(s, v.day, 2);
  return s;
}

std::string duration_to_string(Duration d) {
  if (d.months == 0) return count_unit(d.days, "day");
  if (d.days == 0) return count_unit(d.months, "month");
  return count_unit(d.months, "month") + " " + count_unit(d.days, "day");
}

std::optional<std::strong_ordering> compare_durations(Duration a, Duration b) {
  if (a.months == 0 && b.months == 0) return a.days <=> b.days;
  if (a.days == 0 && b.days == 0) return a.months <=> b.months;
  return std::nullopt;
}

bool add_duration(Date d, Duration dur, Date& out) {
  return move(d, dur.months, dur.days, out);
}

bool sub_duration(Date d, Duration dur, Date& out) {
  return move(d, -int64_t{dur.months}, -int64_t{dur.days}, out);
}

int64_t days_between(Date from, Date to) {
  return int64_t{to.days()} - from.days();
}

int32_t months_between(Date from, Date to) {
  const YearMonthDay f = from.ymd();
  int64_t n = month_index(to.ymd()) - month_index(f);
  // n lands in to's month; step back one if that overshoots `to`.
  if (to >= from) {
    if (shift_months(f, n) > to.days()) --n;
  } else {
    if (shift_months(f, n) < to.days()) ++n;
  }
  return static_cast<int32_t>(n);
}

}  // namespace bao
