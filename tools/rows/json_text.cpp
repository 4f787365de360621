#include "tools/rows/json_text.hpp"

#include <fmt/format.h>

namespace bao::rows {

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7F) {
      switch (c) {
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
      }
    } else {
      out += ch;
    }
  }
  out += '"';
}

namespace {

// The text of a scalar, or false for a record, a list or none.
bool scalar_text(std::string& out, const OutputValue& v) {
  switch (v.kind) {
    case Kind::boolean:
      out += v.boolean ? "true" : "false";
      return true;
    case Kind::integer:
      out += std::to_string(v.integer);
      return true;
    case Kind::money:
      out += fen_to_string(v.integer);
      return true;
    case Kind::decimal:
    case Kind::rate:
      out += v.decimal.to_string();
      return true;
    case Kind::date:
      out += v.date.to_string();
      return true;
    case Kind::duration:
    case Kind::text:
    case Kind::enumeration:
      out += v.text;
      return true;
    default:
      return false;
  }
}

}  // namespace

void append_cell(std::string& out, const OutputValue& v) {
  if (v.kind == Kind::none) return;
  if (!scalar_text(out, v)) append_json(out, v);
}

void append_json(std::string& out, const OutputValue& v) {
  switch (v.kind) {
    case Kind::none:
      out += "null";
      return;
    case Kind::boolean:
    case Kind::integer:
      scalar_text(out, v);
      return;
    case Kind::record:
      out += '{';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, v.field_names[i]);
        out += ':';
        append_json(out, v.items[i]);
      }
      out += '}';
      return;
    case Kind::list:
      out += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ',';
        append_json(out, v.items[i]);
      }
      out += ']';
      return;
    default: {
      std::string text;
      scalar_text(text, v);
      append_json_string(out, text);
    }
  }
}

}  // namespace bao::rows
