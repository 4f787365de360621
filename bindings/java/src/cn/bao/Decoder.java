package cn.bao;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what bao_jni.cpp's Writer writes; encodes Java strings as strict UTF-8. */
final class Decoder {
  private final ByteBuffer buf;

  Decoder(byte[] bytes) {
    buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  int u32() {
    return buf.getInt();
  }

  String str() {
    int n = buf.getInt();
    String s = new String(buf.array(), buf.position(), n, StandardCharsets.UTF_8);
    buf.position(buf.position() + n);
    return s;
  }

  Diagnostic diagnostic() {
    String code = str(), name = str(), severity = str(), message = str(), label = str();
    String help = str(), file = str(), path = str();
    int line = u32(), column = u32(), endLine = u32(), endColumn = u32();
    int n = u32();
    List<Diagnostic.Note> notes = new ArrayList<>(n);
    for (int i = 0; i < n; ++i) notes.add(new Diagnostic.Note(str(), str(), u32(), u32()));
    return new Diagnostic(
        code, name, severity, message, label, help, file, line, column, endLine, endColumn, path,
        List.copyOf(notes));
  }

  List<Diagnostic> diagnostics() {
    int n = u32();
    List<Diagnostic> out = new ArrayList<>(n);
    for (int i = 0; i < n; ++i) out.add(diagnostic());
    return List.copyOf(out);
  }

  List<String> strings() {
    int n = u32();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; ++i) out.add(str());
    return List.copyOf(out);
  }

  /** A bao::OutputValue; tags follow bao::Kind's order. */
  Object value() {
    int kind = buf.get();
    switch (kind) {
      case 0: return null; // none: an optional value that is absent
      case 1: return buf.get() != 0;
      case 2: return buf.getLong();
      case 3: case 4: return new BigDecimal(str()); // decimal, rate (0.7 = 70%)
      case 5: return BigDecimal.valueOf(buf.getLong(), 2); // money: fen, scale 2
      case 6: return LocalDate.ofEpochDay(buf.getLong());
      case 7: return str(); // duration: "90 days"
      case 8: {
        String variant = str();
        str(); // the label: not part of the value
        return variant;
      }
      case 9: return str();
      case 10: {
        int n = u32();
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < n; ++i) {
          String name = str();
          record.put(name, value());
        }
        return Collections.unmodifiableMap(record);
      }
      case 11: {
        int n = u32();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; ++i) list.add(value());
        return Collections.unmodifiableList(list);
      }
      default: throw new IllegalStateException("bao: unknown value kind " + kind);
    }
  }

  Map<String, Object> outputs() {
    int n = u32();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < n; ++i) {
      String name = str();
      out.put(name, value());
    }
    return Collections.unmodifiableMap(out);
  }

  /** A bao::Status (code, path, message) as the exception a setter throws. */
  static InputException inputError(byte[] status) {
    Decoder d = new Decoder(status);
    return new InputException(d.str(), d.str(), d.str(), List.of());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** UTF-8, refusing a lone surrogate instead of writing '?' in its place. */
  static byte[] strictUtf8(String s) throws CharacterCodingException {
    ByteBuffer b =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .encode(CharBuffer.wrap(s));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
