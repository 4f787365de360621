// BAO_API marks what libbao.so exports: the public API of lang/api/bao.hpp
// and the lang/base value types it uses. Everything else is hidden.
#pragma once
#if defined(_WIN32)
#define BAO_API __declspec(dllexport)
#else
#define BAO_API __attribute__((visibility("default")))
#endif
