// What several verbs share: the .bao files they work on (files as given,
// folders searched recursively, in a stable order), --as-of, policy loading.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "lang/source/printable.hpp"
#include "tools/verbs.hpp"

namespace bao::cli {

namespace fs = std::filesystem;

bool parse_as_of(const std::optional<std::string>& text, std::string_view verb,
                 std::optional<Date>& out) {
  if (!text) return true;
  out = Date::parse(*text);
  if (!out)
    std::cerr << fmt::format("bao {}: --as-of `{}` is not a date (YYYY-MM-DD)\n", verb,
                             printable(*text));
  return out.has_value();
}

int load_status(const Policy& policy) {
  if (policy.ok()) return kOk;
  std::cerr << policy.render(Format::text);
  bool unreadable = !policy.diagnostics().empty() &&
                    policy.diagnostics().front().code == "E0005";  // unreadable_file
  return unreadable ? kUsage : kFailed;
}

std::optional<std::vector<std::string>> policy_files(const std::vector<std::string>& paths,
                                                     std::string_view verb) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".bao")
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        std::cerr << fmt::format("bao {}: no .bao files under `{}`\n", verb, printable(path));
        return std::nullopt;
      }
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      std::cerr << fmt::format("bao {}: `{}` does not exist\n", verb, printable(path));
      return std::nullopt;
    }
  }
  return files;
}

}  // namespace bao::cli
