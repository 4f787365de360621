#include "lang/eval/format.hpp"

namespace bao {

std::string value_text(const CheckedPolicy& c, TypeRef t, const Value& v, const ElementFn& el) {
  if (v.none) return "none";
  const TypeInfo& info = c.types[t];
  switch (info.kind) {
    case TypeKind::boolean:
      return v.b ? "true" : "false";
    case TypeKind::integer:
      return std::to_string(v.i);
    case TypeKind::decimal:
      return v.dec().to_string();
    case TypeKind::rate: {
      Decimal pct;
      if (mul_int(v.dec(), 100, pct) != ArithStatus::ok) return v.dec().to_string();
      return pct.to_string() + "%";
    }
    case TypeKind::money:
      return v.dec().to_string(2);
    case TypeKind::date:
      return v.as_date().to_string();
    case TypeKind::duration:
      return duration_to_string(v.dur);
    case TypeKind::text:
      return "\"" + *v.text + "\"";
    case TypeKind::enumeration: {
      const EnumInfo& en = c.enums[info.ref];
      std::string s = en.variants[v.variant];
      if (!en.labels[v.variant].empty()) s += " " + en.labels[v.variant];
      return s;
    }
    case TypeKind::record: {
      const RecordInfo& r = c.records[info.ref];
      std::string s = "{ ";
      for (uint32_t i = 0; i < r.fields.size(); ++i) {
        s += (i ? ", " : "") + r.fields[i].name + ": " +
             value_text(c, r.fields[i].type, el(v.agg, i), el);
      }
      return s + " }";
    }
    case TypeKind::list: {
      std::string s = "[";
      for (uint32_t i = 0; i < v.agg.count; ++i)
        s += (i ? ", " : "") + value_text(c, info.ref, el(v.agg, i), el);
      return s + "]";
    }
    case TypeKind::optional:
      return value_text(c, info.ref, v, el);
    case TypeKind::error:
    case TypeKind::none:
      return "none";
  }
  return "?";
}

nlohmann::json value_json(const CheckedPolicy& c, TypeRef t, const Value& v, const ElementFn& el) {
  if (v.none) return nullptr;
  const TypeInfo& info = c.types[t];
  switch (info.kind) {
    case TypeKind::boolean:
      return v.b;
    case TypeKind::integer:
      return v.i;
    case TypeKind::decimal:
    case TypeKind::rate:
      return v.dec().to_string();
    case TypeKind::money:
      return v.dec().to_string(2);
    case TypeKind::date:
      return v.as_date().to_string();
    case TypeKind::duration:
      return duration_to_string(v.dur);
    case TypeKind::text:
      return *v.text;
    case TypeKind::enumeration:
      return c.enums[info.ref].variants[v.variant];
    case TypeKind::record: {
      const RecordInfo& r = c.records[info.ref];
      nlohmann::json j = nlohmann::json::object();
      for (uint32_t i = 0; i < r.fields.size(); ++i)
        j[r.fields[i].name] = value_json(c, r.fields[i].type, el(v.agg, i), el);
      return j;
    }
    case TypeKind::list: {
      nlohmann::json j = nlohmann::json::array();
      for (uint32_t i = 0; i < v.agg.count; ++i)
        j.push_back(value_json(c, info.ref, el(v.agg, i), el));
      return j;
    }
    case TypeKind::optional:
      return value_json(c, info.ref, v, el);
    case TypeKind::error:
    case TypeKind::none:
      return nullptr;
  }
  return nullptr;
}

}  // namespace bao
