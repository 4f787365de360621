// The standard library's files, embedded in the binary at build time from
// stdlib/ (cmake/embed_stdlib.cmake): `use cn.common` finds cn/common.bao.
#pragma once

#include <string_view>
#include <vector>

namespace bao {

struct StdlibFile {
  std::string_view path;  // relative to stdlib/, e.g. "cn/common.bao"
  std::string_view text;
};

const std::vector<StdlibFile>& stdlib_files();

}  // namespace bao
