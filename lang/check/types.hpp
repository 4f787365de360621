// The checker's types: an interned table where primitives have fixed refs and
// lists and optionals are built on demand. A TypeRef is a plain index, so
// later stages compare types with ==.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bao {

enum class TypeKind : uint8_t {
  error,  // after a reported error: silences follow-on errors
  boolean,
  integer,
  decimal,
  rate,
  money,
  date,
  duration,
  text,
  none,  // the type of the literal `none`, before it meets an optional
  enumeration,
  record,
  list,
  optional,
};

using TypeRef = uint32_t;

struct TypeInfo {
  TypeKind kind;
  uint32_t ref = 0;  // enum or record index; element type for list and optional
};

class TypeTable {
 public:
  static constexpr TypeRef kError = 0, kBool = 1, kInt = 2, kDecimal = 3, kRate = 4, kMoney = 5,
                           kDate = 6, kDuration = 7, kText = 8, kNone = 9;
  TypeTable();
  const TypeInfo& operator[](TypeRef t) const { return infos_[t]; }
  TypeKind kind(TypeRef t) const { return infos_[t].kind; }
  TypeRef enum_type(uint32_t index);
  TypeRef record_type(uint32_t index);
  TypeRef list_of(TypeRef element);
  TypeRef optional_of(TypeRef inner);
  bool is_numeric(TypeRef t) const;  // int, decimal, rate, money

 private:
  TypeRef intern(TypeInfo info);
  std::vector<TypeInfo> infos_;
  std::map<std::pair<TypeKind, uint32_t>, TypeRef> index_;
};

}  // namespace bao
