// Tests for printable() and json_printable(): control characters, bidi
// controls and bytes that are not UTF-8 never reach a terminal raw, and
// Chinese text passes unchanged.
#include "lang/source/printable.hpp"

#include <doctest/doctest.h>

namespace bao {
namespace {

TEST_CASE("printable escapes terminal controls and keeps Chinese text") {
  CHECK(printable("医疗救助 80%") == "医疗救助 80%");
  CHECK(printable("\x1b]0;pwned\x07") == "\\u001b]0;pwned\\u0007");
  CHECK(printable("\x1b[2J") == "\\u001b[2J");
  CHECK(printable("a\nb\rc") == "a\\u000ab\\u000dc");
  CHECK(printable("tab\there") == "tab\\u0009here");
  CHECK(printable("tab\there", Tabs::expand) == "tab    here");
  CHECK(printable("del\x7f") == "del\\u007f");
  CHECK(printable("c1 \xc2\x9b") == "c1 \\u009b");          // U+009B, CSI
  CHECK(printable("rlo \xe2\x80\xae!") == "rlo \\u202e!");  // U+202E
  CHECK(printable("lri \xe2\x81\xa6!") == "lri \\u2066!");  // U+2066
  CHECK(printable("ls \xe2\x80\xa8!") == "ls \\u2028!");    // U+2028
  CHECK(printable("nonchar \xef\xbf\xbf") == "nonchar \\uffff");
  CHECK(printable(std::string_view("nul\0x", 5)) == "nul?x");
  CHECK(printable("gbk \xd2\xbd\xc1\xc6") == "gbk \xd2\xbd??");  // U+04BD then 2 bad bytes
  CHECK(printable("<&>\"'\\") == "<&>\"'\\");
  CHECK_FALSE(needs_escape("政策范围内自付"));
  CHECK(needs_escape("\x1b"));
}

TEST_CASE("json_printable escapes what nlohmann leaves raw, nothing else") {
  CHECK(json_printable("{\"a\": \"医疗\"}") == "{\"a\": \"医疗\"}");
  CHECK(json_printable("\"\xc2\x9b\x7f\xe2\x80\xae\"") == "\"\\u009b\\u007f\\u202e\"");
  CHECK(json_printable("\"\\u001b\"") == "\"\\u001b\"");
}

}  // namespace
}  // namespace bao
