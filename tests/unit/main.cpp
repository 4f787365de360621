// The doctest main for bao_unit; the tests live next to the code they test
// (lang/*/*_test.cpp) and in tests/unit/*_test.cpp.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
