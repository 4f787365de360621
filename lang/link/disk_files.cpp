// Policy files on disk: a FileSource over folders (`--root`, the nearest
// `policies/`), and the default root of a policy file. The only part of the
// link stage that touches the file system.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lang/link/link.hpp"

namespace bao {

namespace fs = std::filesystem;

namespace {

class DiskFiles final : public FileSource {
 public:
  DiskFiles(std::vector<std::string> roots, std::string root_path)
      : roots_(std::move(roots)), root_path_(std::move(root_path)) {}

  std::optional<FoundFile> find(const std::string& rel, size_t max_bytes) override {
    for (const std::string& root : roots_) {
      fs::path p = fs::path(root) / rel;
      std::error_code ec;
      if (!fs::is_regular_file(p, ec)) continue;
      FoundFile out;
      out.name = p.string();
      if (auto size = fs::file_size(p, ec); !ec && size > max_bytes) {
        out.too_large = size;
        return out;
      }
      std::ifstream in(p, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      out.unreadable = !in;
      out.text = ss.str();
      return out;
    }
    return std::nullopt;
  }

  std::string searched() const override {
    if (roots_.empty()) return "give the folder that holds it with `--root`";
    return fmt::format("searched {} and the standard library", fmt::join(roots_, ", "));
  }

  // The folder a policy named a.b.c sits in as a/b/c.bao is a root too.
  void root_named(const std::string& rel) override {
    if (root_path_.empty()) return;
    std::error_code ec;
    std::string path = fs::absolute(root_path_, ec).lexically_normal().generic_string();
    if (path.size() < rel.size() || path.compare(path.size() - rel.size(), rel.size(), rel) != 0 ||
        (path.size() != rel.size() && path[path.size() - rel.size() - 1] != '/'))
      return;
    // Shown relative to the working folder, as the user wrote paths.
    std::string dir = fs::path(path.substr(0, path.size() - rel.size()))
                          .lexically_relative(fs::current_path(ec))
                          .generic_string();
    if (dir.empty()) dir = ".";
    if (std::find(roots_.begin(), roots_.end(), dir) == roots_.end()) roots_.push_back(dir);
  }

 private:
  std::vector<std::string> roots_;
  std::string root_path_;
};

}  // namespace

std::unique_ptr<FileSource> disk_files(std::vector<std::string> roots, std::string root_path) {
  return std::make_unique<DiskFiles>(std::move(roots), std::move(root_path));
}

std::string default_root(const std::string& policy_path) {
  // Lexically, so the root reads as the user wrote the path.
  fs::path dir = fs::path(policy_path).parent_path();
  for (fs::path q = dir; !q.empty(); q = q.parent_path()) {
    if (q.filename() == "policies") return q.string();
    if (q == q.parent_path()) break;
  }
  return dir.empty() ? "." : dir.string();
}

}  // namespace bao
