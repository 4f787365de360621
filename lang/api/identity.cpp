// A policy's identity for audit trails: its name, this library's version and
// a SHA-256 fingerprint of every file it was built from.
//
// The bytes hashed: "bao-fingerprint-1\n", then for each file in order of its
// canonical name (the relative path it was found under, "cn/common.bao"; the
// root's from its policy name), the name, "\n", the byte count in decimal,
// "\n", the file's bytes exactly, "\n". Where the files sit on disk (roots,
// working folder, a host's loader) does not change it; any byte of any file
// of the chain, a module or a called policy does.
#include <algorithm>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "lang/api/impl.hpp"

#ifndef BAO_VERSION
#error "BAO_VERSION must be defined by the build (the project's version)"
#endif

namespace bao {

std::string_view version() {
  return BAO_VERSION;
}

std::string fingerprint(const SourceSet& sources, const std::vector<std::string>& keys) {
  std::vector<std::pair<std::string_view, FileId>> files;
  for (FileId id = 0; id < sources.size(); ++id)
    files.push_back({id < keys.size() && !keys[id].empty()
                         ? std::string_view(keys[id])
                         : std::string_view(sources.file(id).name()),
                     id});
  std::sort(files.begin(), files.end());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx) return {};
  bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1;
  auto feed = [&](std::string_view s) {
    ok = ok && EVP_DigestUpdate(ctx, s.data(), s.size()) == 1;
  };
  feed("bao-fingerprint-1\n");
  for (const auto& [key, id] : files) {
    const std::string& text = sources.file(id).text();
    feed(key);
    feed(fmt::format("\n{}\n", text.size()));
    feed(text);
    feed("\n");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  ok = ok && EVP_DigestFinal_ex(ctx, digest, &n) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return {};
  std::string hex;
  for (unsigned int i = 0; i < n; ++i)
    hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace bao
