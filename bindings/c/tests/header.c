/* c/header_c99 and c/header_cxx: bao.h compiles alone, as strict C99 and as C++. */
#include "bao.h"

int main(void) {
  bao_options opts = {0, 0, 0, 0};
  bao_str s = {0, 0};
  (void)opts;
  (void)s;
  return bao_version() ? 0 : 1;
}
