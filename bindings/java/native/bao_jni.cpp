// The JNI glue of the Java binding (cn.bao.Native): every function of
// lang/api/bao.hpp the Java classes need, over native handles kept in `long`
// fields. Strings cross as UTF-8 byte arrays (never JNI's modified UTF-8);
// structured answers (diagnostics, statuses, outputs) cross as one byte array
// in the little-endian format that cn.bao.Decoder reads. Every C++ exception
// becomes a Java exception; a null handle is an IllegalStateException.
#include <jni.h>

#include <cstdint>
#include <cstring>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lang/api/bao.hpp"

namespace {

// ---- errors ----

// A Java exception is pending: unwind to the JNI boundary without another.
struct JavaPending {};

void throw_java(JNIEnv* env, const char* cls, const std::string& msg) {
  if (env->ExceptionCheck()) return;
  jclass c = env->FindClass(cls);
  if (c) env->ThrowNew(c, msg.c_str());
}

// Runs `body`; any C++ exception is turned into a Java one and `fallback`
// returned.
template <class T, class F>
T guard(JNIEnv* env, T fallback, F&& body) {
  try {
    return body();
  } catch (const JavaPending&) {
  } catch (const std::bad_alloc&) {
    throw_java(env, "java/lang/OutOfMemoryError", "bao: native allocation failed");
  } catch (const std::exception& e) {
    throw_java(env, "java/lang/RuntimeException", std::string("bao native error: ") + e.what());
  } catch (...) {
    throw_java(env, "java/lang/RuntimeException", "bao native error: unknown exception");
  }
  return fallback;
}

template <class T>
T* handle(JNIEnv* env, jlong h, const char* what) {
  if (h == 0) {
    throw_java(env, "java/lang/IllegalStateException", std::string(what) + " is closed");
    throw JavaPending{};
  }
  return reinterpret_cast<T*>(h);
}

// ---- bytes in and out ----

std::string bytes(JNIEnv* env, jbyteArray a) {
  if (!a) {
    throw_java(env, "java/lang/NullPointerException", "bao: null argument");
    throw JavaPending{};
  }
  jsize n = env->GetArrayLength(a);
  std::string s(static_cast<size_t>(n), '\0');
  if (n) env->GetByteArrayRegion(a, 0, n, reinterpret_cast<jbyte*>(s.data()));
  return s;
}

jbyteArray to_java(JNIEnv* env, std::string_view s) {
  if (s.size() > INT32_MAX) throw std::length_error("answer larger than a Java array");
  jbyteArray a = env->NewByteArray(static_cast<jsize>(s.size()));
  if (!a) throw JavaPending{};  // OutOfMemoryError pending
  if (!s.empty())
    env->SetByteArrayRegion(a, 0, static_cast<jsize>(s.size()),
                            reinterpret_cast<const jbyte*>(s.data()));
  return a;
}

std::vector<std::string> string_list(JNIEnv* env, jobjectArray a) {
  std::vector<std::string> out;
  if (!a) return out;
  jsize n = env->GetArrayLength(a);
  for (jsize i = 0; i < n; ++i) {
    auto item = static_cast<jbyteArray>(env->GetObjectArrayElement(a, i));
    out.push_back(bytes(env, item));
    env->DeleteLocalRef(item);
  }
  return out;
}

// The encoder cn.bao.Decoder reads: u8, u32, i64 little-endian; strings as
// u32 length + UTF-8 bytes.
struct Writer {
  std::string buf;
  void u8(uint8_t v) { buf.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i)
      u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void i64(int64_t v) {
    for (int i = 0; i < 8; ++i)
      u8(static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * i)));
  }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    buf.append(s);
  }
};

void write_diag(Writer& w, const bao::Diagnostic& d) {
  w.str(d.code);
  w.str(d.name);
  w.str(d.severity == bao::Severity::warning ? "warning" : "error");
  w.str(d.message);
  w.str(d.label);
  w.str(d.help);
  w.str(d.file);
  w.str(d.path);
  w.u32(d.start.line);
  w.u32(d.start.column);
  w.u32(d.end.line);
  w.u32(d.end.column);
  w.u32(static_cast<uint32_t>(d.notes.size()));
  for (const auto& n : d.notes) {
    w.str(n.message);
    w.str(n.file);
    w.u32(n.start.line);
    w.u32(n.start.column);
  }
}

jbyteArray diags(JNIEnv* env, const std::vector<bao::Diagnostic>& ds) {
  Writer w;
  w.u32(static_cast<uint32_t>(ds.size()));
  for (const auto& d : ds)
    write_diag(w, d);
  return to_java(env, w.buf);
}

// A status: null when ok, else code, path, message.
jbyteArray status(JNIEnv* env, const bao::Status& s) {
  if (s.ok()) return nullptr;
  Writer w;
  w.str(s.code);
  w.str(s.path);
  w.str(s.message);
  return to_java(env, w.buf);
}

// Value tags, as in cn.bao.Decoder: the bao::Kind order.
void write_value(Writer& w, const bao::OutputValue& v) {
  w.u8(static_cast<uint8_t>(v.kind));
  switch (v.kind) {
    case bao::Kind::none:
      break;
    case bao::Kind::boolean:
      w.u8(v.boolean ? 1 : 0);
      break;
    case bao::Kind::integer:
    case bao::Kind::money:
      w.i64(v.integer);
      break;  // money: whole fen
    case bao::Kind::decimal:
    case bao::Kind::rate:
      w.str(v.decimal.to_string());
      break;
    case bao::Kind::date:
      w.i64(v.date.days());
      break;  // days since 1970-01-01
    case bao::Kind::enumeration:
      w.str(v.text);
      w.str(v.label);
      break;
    case bao::Kind::duration:
    case bao::Kind::text:
      w.str(v.text);
      break;
    case bao::Kind::record:
      w.u32(static_cast<uint32_t>(v.items.size()));
      for (size_t i = 0; i < v.items.size(); ++i) {
        w.str(i < v.field_names.size() ? v.field_names[i] : std::string());
        write_value(w, v.items[i]);
      }
      break;
    case bao::Kind::list:
      w.u32(static_cast<uint32_t>(v.items.size()));
      for (const auto& item : v.items)
        write_value(w, item);
      break;
  }
}

// Java packs a date as (year << 16) | (month << 8) | day.
std::optional<bao::Date> unpack_date(jlong n) {
  int64_t year = n >> 16;
  int month = static_cast<int>((n >> 8) & 0xff), day = static_cast<int>(n & 0xff);
  if (year < 1 || year > 9999) return std::nullopt;
  return bao::Date::from_ymd(static_cast<int>(year), month, day);
}

bao::RunOptions options(jboolean has_as_of, jlong as_of, jboolean explain) {
  bao::RunOptions o;
  o.explain = explain;
  if (has_as_of) {
    o.as_of = unpack_date(as_of);
    if (!o.as_of) throw std::invalid_argument("as-of date outside 0001-01-01 .. 9999-12-31");
  }
  return o;
}

// A decimal as BigDecimal.toPlainString() writes it, refused with a code.
bao::Status parse_decimal(const std::string& path, const std::string& text, int max_frac,
                          bao::Decimal& out) {
  int frac = 0;
  auto d = bao::Decimal::parse(text, &frac);
  if (!d) {
    if (bao::Decimal::out_of_range(text))
      return {"E0808", path, "`" + text + "` is too large for a decimal"};
    return {"E0803", path, "`" + text + "` has more decimals than a decimal holds (12)"};
  }
  if (frac > max_frac)
    return {"E0803", path,
            "`" + text + "` has more than " + std::to_string(max_frac) +
                " decimals (money is whole fen: set the scale to 2 at most)"};
  out = *d;
  return {};
}

enum SetKind { kMoney, kFen, kInt, kDecimal, kBool, kDate, kEnum, kText, kRefuse };

// A value refused here, before the library saw it, must leave the path unset
// and refused as the library's own refusals do (evaluation answers E0801
// until it is set again): give the library a value it refuses for any type.
// A bool path takes `false`, so it is then given text, which it refuses.
void refuse(bao::Inputs& in, const std::string& path) {
  if (in.set_bool(path, false).ok()) in.set_text(path, "");
}

}  // namespace

#define BAO_JNI(ret, name) extern "C" JNIEXPORT ret JNICALL Java_cn_bao_Native_##name

// ---- Policy ----

BAO_JNI(jlong, policyFromFile)(JNIEnv* env, jclass, jbyteArray path, jobjectArray roots) {
  return guard<jlong>(env, 0, [&] {
    auto p = bao::Policy::from_file(bytes(env, path), {}, string_list(env, roots));
    return reinterpret_cast<jlong>(new bao::Policy(std::move(p)));
  });
}

BAO_JNI(jlong, policyFromString)
(JNIEnv* env, jclass, jbyteArray name, jbyteArray text, jobjectArray roots) {
  return guard<jlong>(env, 0, [&] {
    auto p =
        bao::Policy::from_string(bytes(env, name), bytes(env, text), {}, string_list(env, roots));
    return reinterpret_cast<jlong>(new bao::Policy(std::move(p)));
  });
}

BAO_JNI(void, policyFree)(JNIEnv*, jclass, jlong p) {
  delete reinterpret_cast<bao::Policy*>(p);
}

BAO_JNI(jboolean, policyOk)(JNIEnv* env, jclass, jlong p) {
  return guard<jboolean>(env, false, [&] { return handle<bao::Policy>(env, p, "Policy")->ok(); });
}

BAO_JNI(jbyteArray, policyDiagnostics)(JNIEnv* env, jclass, jlong p) {
  return guard<jbyteArray>(env, nullptr, [&] {
    return diags(env, handle<bao::Policy>(env, p, "Policy")->diagnostics());
  });
}

BAO_JNI(jbyteArray, policyRender)(JNIEnv* env, jclass, jlong p) {
  return guard<jbyteArray>(env, nullptr, [&] {
    return to_java(env, handle<bao::Policy>(env, p, "Policy")->render(bao::Format::text));
  });
}

// name, identity (policy, version, fingerprint), input names, output names.
BAO_JNI(jbyteArray, policyInfo)(JNIEnv* env, jclass, jlong p) {
  return guard<jbyteArray>(env, nullptr, [&] {
    const bao::Policy& pol = *handle<bao::Policy>(env, p, "Policy");
    Writer w;
    w.str(pol.name());
    w.str(pol.identity().policy);
    w.str(pol.identity().bao_version);
    w.str(pol.identity().fingerprint);
    for (const auto& names : {pol.input_names(), pol.output_names()}) {
      w.u32(static_cast<uint32_t>(names.size()));
      for (const auto& n : names)
        w.str(n);
    }
    return to_java(env, w.buf);
  });
}

BAO_JNI(jlong, policyEvaluateJson)
(JNIEnv* env, jclass, jlong p, jbyteArray json, jboolean has_as_of, jlong as_of, jboolean explain) {
  return guard<jlong>(env, 0, [&] {
    const bao::Policy& pol = *handle<bao::Policy>(env, p, "Policy");
    bao::RunOptions o = options(has_as_of, as_of, explain);
    return reinterpret_cast<jlong>(new bao::Result(pol.evaluate_json(bytes(env, json), o)));
  });
}

// ---- Inputs ----

BAO_JNI(jlong, inputsNew)(JNIEnv* env, jclass, jlong p) {
  return guard<jlong>(env, 0, [&] {
    return reinterpret_cast<jlong>(new bao::Inputs(*handle<bao::Policy>(env, p, "Policy")));
  });
}

BAO_JNI(void, inputsFree)(JNIEnv*, jclass, jlong i) {
  delete reinterpret_cast<bao::Inputs*>(i);
}

// One typed setter: `n` carries integers, fen, booleans and packed dates;
// `text` decimals (as plain text), enum variants and text.
BAO_JNI(jbyteArray, inputsSet)
(JNIEnv* env, jclass, jlong i, jint kind, jbyteArray jpath, jlong n, jbyteArray jtext) {
  return guard<jbyteArray>(env, nullptr, [&] {
    bao::Inputs& in = *handle<bao::Inputs>(env, i, "Inputs");
    std::string path = bytes(env, jpath);
    std::string text = jtext ? bytes(env, jtext) : std::string();
    bao::Decimal d;
    bao::Status s;
    switch (kind) {
      case kMoney:
        s = parse_decimal(path, text, 2, d);
        if (s.ok())
          s = in.set_money(path, d);
        else if (in.set_money(path, bao::Decimal::from_raw(1)).ok())
          refuse(in, path);
        break;
      case kFen:
        s = in.set_money(path, static_cast<int64_t>(n));
        break;
      case kInt:
        s = in.set_int(path, static_cast<int64_t>(n));
        break;
      case kDecimal:
        s = parse_decimal(path, text, bao::Decimal::kScale, d);
        if (s.ok())
          s = in.set_decimal(path, d);
        else
          refuse(in, path);
        break;
      case kBool:
        s = in.set_bool(path, n != 0);
        break;
      case kDate:
        if (auto date = unpack_date(n))
          s = in.set_date(path, *date);
        else {
          s = {"E0805", path, "the date is outside 0001-01-01 .. 9999-12-31"};
          refuse(in, path);
        }
        break;
      case kEnum:
        s = in.set_enum(path, text);
        break;
      case kText:
        s = in.set_text(path, text);
        break;
      case kRefuse:  // refused in Java (a lone surrogate, a huge BigDecimal)
        refuse(in, path);
        break;
      default:
        throw std::invalid_argument("unknown setter kind");
    }
    return status(env, s);
  });
}

BAO_JNI(jbyteArray, inputsSetJson)(JNIEnv* env, jclass, jlong i, jbyteArray json) {
  return guard<jbyteArray>(env, nullptr, [&] {
    return diags(env, handle<bao::Inputs>(env, i, "Inputs")->set_json(bytes(env, json)));
  });
}

// ---- Session ----

BAO_JNI(jlong, sessionNew)(JNIEnv* env, jclass, jlong p) {
  return guard<jlong>(env, 0, [&] {
    return reinterpret_cast<jlong>(new bao::Session(*handle<bao::Policy>(env, p, "Policy")));
  });
}

BAO_JNI(void, sessionFree)(JNIEnv*, jclass, jlong s) {
  delete reinterpret_cast<bao::Session*>(s);
}

BAO_JNI(jlong, sessionEvaluate)
(JNIEnv* env, jclass, jlong s, jlong i, jboolean has_as_of, jlong as_of, jboolean explain) {
  return guard<jlong>(env, 0, [&] {
    bao::Session& session = *handle<bao::Session>(env, s, "Session");
    const bao::Inputs& in = *handle<bao::Inputs>(env, i, "Inputs");
    session.evaluate(in, options(has_as_of, as_of, explain));
    return reinterpret_cast<jlong>(new bao::Result(session.result()));
  });
}

// ---- Result ----

BAO_JNI(void, resultFree)(JNIEnv*, jclass, jlong r) {
  delete reinterpret_cast<bao::Result*>(r);
}

BAO_JNI(jbyteArray, resultError)(JNIEnv* env, jclass, jlong r) {
  return guard<jbyteArray>(env, nullptr, [&]() -> jbyteArray {
    const bao::Result& res = *handle<bao::Result>(env, r, "Result");
    if (res.ok()) return nullptr;
    Writer w;
    write_diag(w, *res.error());
    return to_java(env, w.buf);
  });
}

// 0 json, 1 explanation json, 2 explanation text, 3 the error rendered as text.
BAO_JNI(jbyteArray, resultText)(JNIEnv* env, jclass, jlong r, jint which) {
  return guard<jbyteArray>(env, nullptr, [&] {
    const bao::Result& res = *handle<bao::Result>(env, r, "Result");
    switch (which) {
      case 0:
        return to_java(env, res.to_json());
      case 1:
        return to_java(env, res.explanation_json());
      case 2:
        return to_java(env, res.explanation_text());
      default:
        return to_java(env, res.render_error(bao::Format::text));
    }
  });
}

// Every output, in the policy's order: u32 count, then name and value each.
BAO_JNI(jbyteArray, resultOutputs)(JNIEnv* env, jclass, jlong r) {
  return guard<jbyteArray>(env, nullptr, [&]() -> jbyteArray {
    const bao::Result& res = *handle<bao::Result>(env, r, "Result");
    Writer w;
    w.u32(static_cast<uint32_t>(res.outputs().size()));
    for (const auto& [name, text] : res.outputs()) {
      auto v = res.output_value(name);
      if (!v.ok()) throw std::runtime_error(v.status.code + ": " + v.status.message);
      w.str(name);
      write_value(w, *v.value);
    }
    return to_java(env, w.buf);
  });
}

// The output in fen; on an error Long.MIN_VALUE, and resultFenStatus says why.
BAO_JNI(jlong, resultFen)(JNIEnv* env, jclass, jlong r, jbyteArray name) {
  return guard<jlong>(env, INT64_MIN, [&]() -> jlong {
    auto v = handle<bao::Result>(env, r, "Result")->output_fen(bytes(env, name));
    return v.ok() ? *v.value : INT64_MIN;
  });
}

BAO_JNI(jbyteArray, resultFenStatus)(JNIEnv* env, jclass, jlong r, jbyteArray name) {
  return guard<jbyteArray>(env, nullptr, [&] {
    return status(env, handle<bao::Result>(env, r, "Result")->output_fen(bytes(env, name)).status);
  });
}

BAO_JNI(jbyteArray, version)(JNIEnv* env, jclass) {
  return guard<jbyteArray>(env, nullptr, [&] { return to_java(env, bao::version()); });
}
