#include "tools/rows/members.hpp"

#include <nlohmann/json.hpp>

namespace bao::rows {

namespace {

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The end of the string starting at `i` (its opening quote), or npos.
size_t string_end(std::string_view t, size_t i) {
  for (++i; i < t.size(); ++i) {
    if (t[i] == '\\')
      ++i;
    else if (t[i] == '"')
      return i + 1;
  }
  return std::string_view::npos;
}

// The end of the value starting at `i`, or npos.
size_t value_end(std::string_view t, size_t i) {
  if (i >= t.size()) return std::string_view::npos;
  if (t[i] == '"') return string_end(t, i);
  if (t[i] == '{' || t[i] == '[') {
    int depth = 0;
    for (; i < t.size(); ++i) {
      char c = t[i];
      if (c == '"') {
        i = string_end(t, i);
        if (i == std::string_view::npos) return i;
        --i;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
    }
    return std::string_view::npos;
  }
  size_t j = i;
  while (j < t.size() && t[j] != ',' && t[j] != '}' && t[j] != ']' && !space(t[j]))
    ++j;
  return j == i ? std::string_view::npos : j;
}

std::string unescape(std::string_view quoted) {
  if (quoted.find('\\') == std::string_view::npos)
    return std::string(quoted.substr(1, quoted.size() - 2));
  nlohmann::json j = nlohmann::json::parse(quoted, nullptr, false);
  return j.is_string() ? j.get<std::string>() : std::string(quoted);
}

}  // namespace

std::optional<std::vector<Member>> object_members(std::string_view t) {
  std::vector<Member> out;
  size_t i = 0;
  auto skip = [&] {
    while (i < t.size() && space(t[i]))
      ++i;
  };
  skip();
  if (i >= t.size() || t[i] != '{') return std::nullopt;
  ++i;
  skip();
  if (i < t.size() && t[i] == '}') {
    ++i;
  } else {
    for (;;) {
      skip();
      if (i >= t.size() || t[i] != '"') return std::nullopt;
      size_t k = string_end(t, i);
      if (k == std::string_view::npos) return std::nullopt;
      std::string key = unescape(t.substr(i, k - i));
      i = k;
      skip();
      if (i >= t.size() || t[i] != ':') return std::nullopt;
      ++i;
      skip();
      size_t e = value_end(t, i);
      if (e == std::string_view::npos) return std::nullopt;
      out.push_back({std::move(key), t.substr(i, e - i)});
      i = e;
      skip();
      if (i < t.size() && t[i] == ',') {
        ++i;
        continue;
      }
      if (i < t.size() && t[i] == '}') {
        ++i;
        break;
      }
      return std::nullopt;
    }
  }
  skip();
  if (i != t.size()) return std::nullopt;
  return out;
}

std::string cell_of(std::string_view v) {
  if (!v.empty() && v.front() == '"') return unescape(v);
  return std::string(v);
}

}  // namespace bao::rows
