// Internal to lang/api: the reader that turns nlohmann's parser events into
// input values (json_reader.cpp), and its type checks (json_input.cpp).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/api/json_input.hpp"
#include "lang/api/json_keys.hpp"

namespace bao::json_detail {

enum class JKind : uint8_t { null, boolean, number, string, array, object };

inline std::string_view kind_name(JKind k) {
  static constexpr std::string_view kNames[] = {"null",     "a boolean", "a number",
                                                "a string", "an array",  "an object"};
  return kNames[static_cast<int>(k)];
}

constexpr size_t kMaxErrors = 100;
constexpr size_t kMaxDepth = 64;  // open containers, beyond the outermost

// One open JSON container and what it is read into.
struct Frame {
  enum Role : uint8_t { root, record, list, skip } role = skip;
  bool is_object = false;
  bool ok = true;    // no error in its values so far
  uint32_t rec = 0;  // role record: the record's index
  TypeRef item = 0;  // role list: the items' type
  // role list: where its items wait. A list of scalars writes them straight
  // to the heap (nothing else is stored while it is open); a list of records
  // of scalars stores nothing but their fields, one record after another, so
  // its items are implied (stride fields apart from `first`) until it closes.
  enum Mode : uint8_t { scratch, direct, implied } mode = scratch;
  size_t first = 0;        // role list, direct or implied: its first heap value
  uint32_t stride = 0;     // role list, implied: the records' fields
  size_t begin = 0;        // its first value in the scratch vector
  uint32_t count = 0;      // an array's items so far: the current item's index
  int slot = -1;           // the input or field the current key names; -1: none
  std::string key;         // an object's current key
  KeySet keys;             // an object's keys so far
  std::vector<bool> seen;  // role record: fields given
};

class Reader : public nlohmann::json_sax<nlohmann::json> {
 public:
  Reader(const CheckedPolicy& c, InputValues& in, std::vector<Diag>& errors, uint32_t max_values)
      : c_(c), in_(in), errors_(errors), max_values_(max_values) {
    for (size_t i = 0; i < c.host_inputs(); ++i)
      input_index_.emplace(c.inputs[i].name, static_cast<int>(i));
    given_.assign(c.host_inputs(), false);
  }

  std::string fatal;   // why reading stopped: a duplicate key, too many values
  std::string syntax;  // nlohmann's parse error, or the nesting limit
  JKind root_kind = JKind::null;
  std::vector<bool> given_;  // inputs whose key appears

  bool full() const { return errors_.size() >= kMaxErrors; }
  void error(DiagKind kind, const std::string& path, std::string_view message) {
    if (full()) return;
    errors_.push_back({kind, {kNoFile, {}}, fmt::format("{}: {}", path, message), "", "", {}});
  }

  // ---- nlohmann's events ----
  bool null() override { return scalar(JKind::null, {}, false); }
  bool boolean(bool v) override { return scalar(JKind::boolean, {}, v); }
  bool number_integer(number_integer_t v) override {
    return scalar(JKind::number, std::to_string(v), false);
  }
  bool number_unsigned(number_unsigned_t v) override {
    return scalar(JKind::number, std::to_string(v), false);
  }
  bool number_float(number_float_t, const string_t& s) override {
    return scalar(JKind::number, s, false);
  }
  bool string(string_t& s) override { return scalar(JKind::string, s, false); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override;
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& e) override {
    // nlohmann's text after its "[json.exception.parse_error.101] " tag.
    std::string_view what = e.what();
    if (auto tag = what.find("] "); tag != std::string_view::npos) what.remove_prefix(tag + 2);
    syntax = fmt::format("byte {}: {}", pos, what);
    return false;
  }

 private:
  bool scalar(JKind k, std::string_view text, bool b);
  bool open(bool object);
  bool close();
  bool deliver(const Value& v, bool ok);
  std::optional<TypeRef> expected() const;
  std::string mismatch(TypeRef t, JKind k) const;
  bool convert(JKind k, std::string_view text, bool b, TypeRef t, Value& out);
  bool make_room(size_t n);
  bool flat_record(uint32_t rec) const;
  void unimply(Frame& f);
  Aggregate store(size_t begin, size_t n);
  int field_index(uint32_t record, std::string_view name);

  // "$.claims[3].date": the place of the current value of the first `levels` frames.
  std::string path(size_t levels) const {
    std::string p = "$";
    for (size_t i = 0; i < levels; ++i) {
      const Frame& f = frames_[i];
      if (f.is_object)
        p += "." + f.key;
      else
        p += fmt::format("[{}]", f.count);
    }
    return p;
  }

  const CheckedPolicy& c_;
  InputValues& in_;
  std::vector<Diag>& errors_;
  uint32_t max_values_;
  std::vector<Frame> frames_;  // frames_[0 .. depth_) are open; kept for their buffers
  size_t depth_ = 0;
  std::vector<Value> scratch_;
  size_t pending_ = 0;  // items of implied lists, not yet stored anywhere
  std::unordered_map<std::string_view, int> input_index_;
  std::unordered_map<uint32_t, std::unordered_map<std::string_view, int>> field_index_;
};

}  // namespace bao::json_detail
