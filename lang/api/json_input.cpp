// Converts JSON scalars to values of the types inputs declare (the reading of
// the JSON itself is in json_reader.cpp).
#include "lang/api/json_input.hpp"

#include <fmt/format.h>

namespace bao {

DiagKind input_error_kind(TypeKind kind, std::string_view msg) {
  if (kind == TypeKind::money && msg.find("decimals") != std::string_view::npos)
    return DiagKind::input_precision;
  if (kind == TypeKind::money && msg.find("negative") != std::string_view::npos)
    return DiagKind::input_range;
  if (kind == TypeKind::enumeration) return DiagKind::input_variant;
  if (kind == TypeKind::date) return DiagKind::input_date;
  if (msg.find("range") != std::string_view::npos) return DiagKind::input_range;
  return DiagKind::input_type;
}

std::string scalar_from_text(const CheckedPolicy& c, TypeRef t, std::string_view text,
                             bool is_string, Value& out, InputValues& in) {
  const TypeInfo& info = c.types[t];
  switch (info.kind) {
    case TypeKind::money: {
      int64_t fen = 0;
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
      if (!detail::fits_i64(d->raw() / detail::kOne))
        return fmt::format("`{}` is out of range", text);
      out = Value::of_int(static_cast<int64_t>(d->raw() / detail::kOne));
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
      for (uint32_t v = 0; v < en.variants.size(); ++v) {
        if (en.variants[v] == text) {
          out = Value::of_variant(v);
          return {};
        }
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
      n = static_cast<int32_t>(d->raw() / detail::kOne);
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

}  // namespace bao
