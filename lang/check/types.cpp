#include "lang/check/types.hpp"

namespace bao {

TypeTable::TypeTable() {
  for (TypeKind k :
       {TypeKind::error, TypeKind::boolean, TypeKind::integer, TypeKind::decimal, TypeKind::rate,
        TypeKind::money, TypeKind::date, TypeKind::duration, TypeKind::text, TypeKind::none}) {
    intern({k, 0});
  }
}

TypeRef TypeTable::intern(TypeInfo info) {
  auto [it, inserted] =
      index_.try_emplace({info.kind, info.ref}, static_cast<TypeRef>(infos_.size()));
  if (inserted) infos_.push_back(info);
  return it->second;
}

TypeRef TypeTable::enum_type(uint32_t index) {
  return intern({TypeKind::enumeration, index});
}
TypeRef TypeTable::record_type(uint32_t index) {
  return intern({TypeKind::record, index});
}
TypeRef TypeTable::list_of(TypeRef e) {
  return intern({TypeKind::list, e});
}
TypeRef TypeTable::optional_of(TypeRef t) {
  if (kind(t) == TypeKind::optional || t == kError) return t;
  return intern({TypeKind::optional, t});
}

bool TypeTable::is_numeric(TypeRef t) const {
  TypeKind k = kind(t);
  return k == TypeKind::integer || k == TypeKind::decimal || k == TypeKind::rate ||
         k == TypeKind::money;
}

}  // namespace bao
