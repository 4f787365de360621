// Converts JSON values to values of the types inputs declare (the reading of
// the JSON itself is in json_reader.cpp).
#include "lang/api/json_input.hpp"

#include <fmt/format.h>

#include "lang/api/json_reader.hpp"

namespace bao {

DiagKind input_error_kind(TypeKind kind, std::string_view msg) {
  if ((kind == TypeKind::money || kind == TypeKind::rate) &&
      msg.find("decimals") != std::string_view::npos)
    return DiagKind::input_precision;
  if (kind == TypeKind::money && msg.find("negative") != std::string_view::npos)
    return DiagKind::input_range;
  if (kind == TypeKind::enumeration) return DiagKind::input_variant;
  if (kind == TypeKind::date) return DiagKind::input_date;
  if (msg.find("range") != std::string_view::npos) return DiagKind::input_range;
  return DiagKind::input_type;
}

// "1234.50", "7", "0.5": digits, at most 15 of them before an optional
// point and one or two decimals, read in 64 bits. parse_fen reads the same
// texts to the same fen; it is left for everything else (signs, errors).
static bool plain_fen(std::string_view t, int64_t& fen) {
  size_t i = 0;
  int64_t v = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
    if (i == 15) return false;
    v = v * 10 + (t[i] - '0');
  }
  if (i == 0) return false;
  int frac = 0;
  if (i < t.size()) {
    if (t[i] != '.' || t.size() - i < 2 || t.size() - i > 3) return false;
    for (size_t k = i + 1; k < t.size(); ++k) {
      if (t[k] < '0' || t[k] > '9') return false;
      v = v * 10 + (t[k] - '0');
      ++frac;
    }
  }
  for (; frac < 2; ++frac)
    v *= 10;
  fen = v;
  return true;
}

std::string scalar_from_text(const CheckedPolicy& c, TypeRef t, std::string_view text,
                             bool is_string, Value& out, InputValues& in) {
  const TypeInfo& info = c.types[t];
  switch (info.kind) {
    case TypeKind::money: {
      int64_t fen = 0;
      if (plain_fen(text, fen)) {
        out = Value::of_dec(Decimal::from_fen(fen));
        return {};
      }
      switch (parse_fen(text, fen)) {
        case MoneyParse::ok:
          break;
        case MoneyParse::too_many_decimals:
          return fmt::format("`{}` has more than two decimals: amounts are whole fen", text);
        case MoneyParse::overflow:
          return fmt::format("`{}` is out of range", text);
        case MoneyParse::malformed:
          return fmt::format(
              "`{}` is not an amount: write digits with at most two decimals, "
              "such as \"1234.50\"",
              text);
      }
      if (fen < 0) return fmt::format("`{}` is negative: amounts on a claim are not", text);
      out = Value::of_dec(Decimal::from_fen(fen));
      return {};
    }
    case TypeKind::integer: {
      int digits = 0;
      auto d = Decimal::parse(text, &digits);
      if (!d && Decimal::out_of_range(text)) return fmt::format("`{}` is out of range", text);
      if (!d || digits > 0) return fmt::format("`{}` is not a whole number", text);
      std::optional<int64_t> n = d->to_int64();
      if (!n) return fmt::format("`{}` is out of range", text);
      out = Value::of_int(*n);
      return {};
    }
    case TypeKind::decimal:
    case TypeKind::rate: {
      bool pct = info.kind == TypeKind::rate && !text.empty() && text.back() == '%';
      std::string_view digits = pct ? text.substr(0, text.size() - 1) : text;
      auto d = Decimal::parse(digits);
      if (!d && Decimal::out_of_range(digits)) return fmt::format("`{}` is out of range", text);
      if (!d)
        return fmt::format("`{}` is not an exact decimal{}", text,
                           info.kind == TypeKind::rate ? " such as \"0.7\" or \"70%\"" : "");
      // A rate holds 12 decimals as a fraction: 10 as a percentage. Never truncate.
      if (pct && d->raw() % 100 != 0)
        return fmt::format(
            "`{}` has more decimals than a rate holds (12 as a fraction, 10 as a percentage)",
            text);
      out = Value::of_dec(pct ? Decimal::from_raw(d->raw() / 100) : *d);
      return {};
    }
    case TypeKind::date: {
      if (!is_string) return "expected a date string such as \"2025-03-01\"";
      auto d = Date::parse(text);
      if (!d) return fmt::format("`{}` is not a date in the calendar (YYYY-MM-DD)", text);
      out = Value::of_date(*d);
      return {};
    }
    case TypeKind::enumeration: {
      const EnumInfo& en = c.enums[info.ref];
      // A few variants are found faster by comparing than by hashing.
      int v = -1;
      if (en.variants.size() <= 16) {
        for (size_t i = 0; i < en.variants.size() && v < 0; ++i)
          if (en.variants[i] == text) v = static_cast<int>(i);
      } else {
        v = en.find(text);
      }
      if (v >= 0) {
        out = Value::of_variant(static_cast<uint32_t>(v));
        return {};
      }
      std::string best = closest_name(text, en.variants);
      return fmt::format("`{}` is not a variant of `{}`{}; variants: {}", text, en.name,
                         best.empty() ? "" : fmt::format(" (did you mean `{}`?)", best),
                         fmt::join(en.variants, ", "));
    }
    case TypeKind::text: {
      if (!is_string) return "expected a string";
      in.texts.push_back(std::make_unique<std::string>(text));
      out = Value{};
      out.text = in.texts.back().get();
      return {};
    }
    case TypeKind::duration: {
      int32_t n = 0;
      auto sp = text.find(' ');
      std::string_view num = text.substr(0, sp), unit = sp == text.npos ? "" : text.substr(sp + 1);
      auto d = Decimal::parse(num);
      if (!d || !d->is_integer() || d->is_negative() || num.size() > 6)
        return fmt::format("`{}` is not a duration such as \"90 days\"", text);
      n = static_cast<int32_t>(*d->to_int64());  // at most 6 digits
      if (unit == "day" || unit == "days")
        out = Value::of_duration({0, n});
      else if (unit == "month" || unit == "months")
        out = Value::of_duration({n, 0});
      else if (unit == "year" || unit == "years")
        out = Value::of_duration({n * 12, 0});
      else
        return fmt::format("`{}` is not a duration such as \"90 days\"", text);
      return {};
    }
    default:
      return fmt::format("a `{}` cannot be given as text", c.type_name(t));
  }
}

namespace json_detail {

// Why a JSON value of kind `k` cannot be a `t` (not optional); empty when it may be.
std::string Reader::mismatch(TypeRef t, JKind k) const {
  const TypeInfo& info = c_.types[t];
  auto wrong = [&](std::string_view expected) {
    return fmt::format("expected {}, found {}", expected, kind_name(k));
  };
  switch (info.kind) {
    case TypeKind::boolean:
      return k == JKind::boolean ? "" : wrong("true or false");
    case TypeKind::record:
      if (k == JKind::object) return "";
      return fmt::format("expected an object for `{}`, found {}", c_.records[info.ref].name,
                         kind_name(k));
    case TypeKind::list:
      return k == JKind::array ? "" : wrong("an array");
    default:
      break;
  }
  if (info.kind == TypeKind::integer && k != JKind::number) return wrong("a whole number");
  if (k == JKind::string || k == JKind::number) return "";
  switch (info.kind) {
    case TypeKind::money:
      return wrong("an amount such as \"1234.50\"");
    case TypeKind::date:
      return wrong("a date such as \"2025-03-01\"");
    case TypeKind::enumeration:
      return wrong("the name of a variant of `" + c_.enums[info.ref].name + "`");
    default:
      return wrong(fmt::format("a `{}`", c_.type_name(t)));
  }
}

bool Reader::convert(JKind k, std::string_view text, bool b, TypeRef t, Value& out) {
  while (c_.types.kind(t) == TypeKind::optional) {
    if (k == JKind::null) {
      out = Value::of_none();
      return true;
    }
    t = c_.types[t].ref;
  }
  if (std::string why = mismatch(t, k); !why.empty()) {
    error(DiagKind::input_type, path(depth_), why);
    return false;
  }
  if (k == JKind::boolean) {
    out = Value::of_bool(b);
    return true;
  }
  std::string msg = scalar_from_text(c_, t, text, k == JKind::string, out, in_);
  if (msg.empty()) return true;
  error(input_error_kind(c_.types.kind(t), msg), path(depth_), msg);
  return false;
}

}  // namespace json_detail

}  // namespace bao
