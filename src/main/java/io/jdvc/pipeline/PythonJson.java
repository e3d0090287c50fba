package io.jdvc.pipeline;

import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.pointer.PythonFloat;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of Python's {@code json.dumps(value, sort_keys=True)} with its defaults: separators {@code ", "} and
 * {@code ": "}, {@code ensure_ascii} escapes, floats as {@code repr} ({@code NaN}, {@code Infinity} for the
 * specials), keys sorted by code point. DVC hashes this text for its run-cache keys, so it must match to the byte.
 */
public final class PythonJson {
  private PythonJson() {}

  /**
   * @param value maps with string keys, lists, strings, {@link Long}/{@link Integer}/{@link BigInteger},
   *     {@link Double}, {@link Boolean} and null
   * @throws IllegalArgumentException for anything else (Python's json would refuse it too, e.g. a date)
   */
  public static String dumpsSorted(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      sb.append(DirManifestCodec.pythonJsonString(s));
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof Double d) {
      sb.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : PythonFloat.repr(d));
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        write(list.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> map) {
      List<String> keys = new ArrayList<>();
      for (Object k : map.keySet()) {
        if (!(k instanceof String s)) {
          throw new IllegalArgumentException("JSON keys must be strings, not " + k);
        }
        keys.add(s);
      }
      keys.sort(LockFileWriter.CODE_POINT_ORDER);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(DirManifestCodec.pythonJsonString(keys.get(i))).append(": ");
        write(map.get(keys.get(i)), sb);
      }
      sb.append('}');
    } else {
      throw new IllegalArgumentException("Python's json cannot write " + v + " (" + v.getClass().getSimpleName()
          + ")");
    }
  }
}
