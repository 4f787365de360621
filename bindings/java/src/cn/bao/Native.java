package cn.bao;

import java.nio.file.Paths;

/**
 * The JNI entry points (native/bao_jni.cpp). Strings cross as UTF-8 byte arrays; structured
 * answers as one byte array that {@link Decoder} reads. Handles are the addresses of heap
 * objects of lang/api/bao.hpp, freed by the matching {@code *Free}.
 *
 * <p>The library is loaded once: from the file named by the system property {@code
 * bao.library.path} (a path to libbao_jni.so) when it is set, else by {@code
 * System.loadLibrary("bao_jni")}, which searches {@code java.library.path}.
 */
final class Native {
  static {
    String path = System.getProperty("bao.library.path");
    if (path != null && !path.isEmpty()) {
      System.load(Paths.get(path).toAbsolutePath().toString());
    } else {
      System.loadLibrary("bao_jni");
    }
  }

  private Native() {}

  // Setter kinds, as in bao_jni.cpp.
  static final int MONEY = 0, FEN = 1, INT = 2, DECIMAL = 3, BOOL = 4, DATE = 5, ENUM = 6, TEXT = 7,
      REFUSE = 8;

  static native long policyFromFile(byte[] path, byte[][] roots);

  static native long policyFromString(byte[] name, byte[] text, byte[][] roots);

  static native void policyFree(long policy);

  static native boolean policyOk(long policy);

  static native byte[] policyDiagnostics(long policy);

  static native byte[] policyRender(long policy);

  static native byte[] policyInfo(long policy);

  static native long policyEvaluateJson(
      long policy, byte[] json, boolean hasAsOf, long asOf, boolean explain);

  static native long inputsNew(long policy);

  static native void inputsFree(long inputs);

  static native byte[] inputsSet(long inputs, int kind, byte[] path, long number, byte[] text);

  static native byte[] inputsSetJson(long inputs, byte[] json);

  static native long sessionNew(long policy);

  static native void sessionFree(long session);

  static native long sessionEvaluate(
      long session, long inputs, boolean hasAsOf, long asOf, boolean explain);

  static native void resultFree(long result);

  static native byte[] resultError(long result);

  static native byte[] resultText(long result, int which);

  static native byte[] resultOutputs(long result);

  static native long resultFen(long result, byte[] name);

  static native byte[] resultFenStatus(long result, byte[] name);

  static native byte[] version();
}
