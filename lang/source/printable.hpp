// Text as a terminal or a log viewer may show it without being driven by it:
// the one escaping every human-readable output of Bao goes through (diagnostic
// text and snippets, `bao run --format text`, explanations, test reports,
// JUnit names). Chinese and every other printable character pass unchanged.
#pragma once

#include <string>
#include <string_view>

namespace bao {

enum class Tabs { escape, expand };

// Control characters (C0, DEL, C1), the bidirectional controls that can make
// a line read differently from its bytes (U+061C, U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069), the line and paragraph separators
// U+2028/U+2029 and the noncharacters U+FFFE/U+FFFF become `\u001b`-style
// escapes; a byte that is not UTF-8, and NUL, becomes `?`. With Tabs::expand
// a tab becomes four spaces (as display_width counts it, for snippets).
std::string printable(std::string_view text, Tabs tabs = Tabs::escape);

// True when printable() would change the text.
bool needs_escape(std::string_view text);

// JSON text (as nlohmann::json dumps it, which escapes only U+0000–U+001F)
// with the other characters printable() escapes written as `\u` escapes too:
// the same JSON value, but safe to show. Only valid UTF-8 JSON is expected;
// any other byte is kept.
std::string json_printable(std::string json);

}  // namespace bao
