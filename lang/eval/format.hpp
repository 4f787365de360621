// Values as people and tools see them: text for explanations ("16000.00",
// "80%", "dibao 低保对象") and JSON for outputs (money as exact strings).
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "lang/check/checked.hpp"
#include "lang/eval/value.hpp"

namespace bao {

using ElementFn = std::function<const Value&(Aggregate, uint32_t)>;

std::string value_text(const CheckedPolicy& c, TypeRef t, const Value& v, const ElementFn& element);
nlohmann::json value_json(const CheckedPolicy& c, TypeRef t, const Value& v,
                          const ElementFn& element);

}  // namespace bao
