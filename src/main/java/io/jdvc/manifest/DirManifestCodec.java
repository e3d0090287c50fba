package io.jdvc.manifest;

import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.codec.binary.Hex;

/**
 * DVC's {@code .dir} object format: the bytes of Python's {@code json.dumps(entries, sort_keys=True)}, that is
 * {@code [{"md5": "...", "relpath": "..."}, ...]} with {@code ", "} and {@code ": "} separators, ASCII-only output
 * ({@code \}{@code uXXXX} in lower-case hex, surrogate pairs above U+FFFF) and no trailing newline.
 *
 * <p>Decoding is a small strict JSON parser rather than a YAML library: manifests can list millions of files, and a
 * hand-written byte scanner keeps that to one pass with no per-entry regex or node tree. Extra keys in an entry are
 * ignored, as DVC does; everything that could name a path outside the directory is refused. Stateless and
 * thread-safe.
 */
public final class DirManifestCodec {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** The manifest's exact bytes. */
  public byte[] encode(DirManifest manifest) {
    Buffer out = new Buffer(16 + manifest.count() * 80);
    encode(manifest, out);
    return out.toByteArray();
  }

  /** Streams the manifest's exact bytes; does not close {@code out}. */
  public void encode(DirManifest manifest, OutputStream out) throws IOException {
    Buffer buf = new Buffer(1 << 16);
    buf.sink = out;
    encode(manifest, buf);
    buf.flush();
  }

  /**
   * The directory's oid: plain md5 of the bytes plus {@code .dir}. Plain md5 even for legacy trees (DVC's
   * {@code Tree.digest}); {@code legacy} only marks the oid's layout.
   */
  public Oid dirOid(DirManifest manifest, boolean legacy) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    }
    try (DigestOutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), md5)) {
      encode(manifest, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Oid.ofDir(Hex.encodeHexString(md5.digest()), legacy);
  }

  /** A 3.x directory oid. */
  public Oid dirOid(DirManifest manifest) {
    return dirOid(manifest, false);
  }

  private static void encode(DirManifest manifest, Buffer out) {
    out.put('[');
    boolean first = true;
    for (DirEntry e : manifest.entries()) {
      if (!first) {
        out.put(',');
        out.put(' ');
      }
      first = false;
      out.ascii("{\"md5\": \"");
      out.ascii(e.md5().value());
      out.ascii("\", \"relpath\": ");
      string(e.relpath(), out);
      out.put('}');
    }
    out.put(']');
  }

  /**
   * A JSON string literal, quotes included, exactly as Python's {@code json.dumps} (default {@code ensure_ascii=True})
   * writes it; for other Python-JSON hashes (DVC's run-cache keys).
   */
  public static String pythonJsonString(String s) {
    Buffer out = new Buffer(s.length() + 2);
    string(s, out);
    return new String(out.toByteArray(), StandardCharsets.US_ASCII);
  }

  /** A JSON string as Python's {@code ensure_ascii=True} writes it. */
  private static void string(String s, Buffer out) {
    out.put('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.ascii("\\\"");
        case '\\' -> out.ascii("\\\\");
        case '\n' -> out.ascii("\\n");
        case '\r' -> out.ascii("\\r");
        case '\t' -> out.ascii("\\t");
        case '\b' -> out.ascii("\\b");
        case '\f' -> out.ascii("\\f");
        default -> {
          if (c >= 0x20 && c <= 0x7E) {
            out.put(c);
          } else {
            // UTF-16 units are exactly Python's surrogate-pair escapes for characters above U+FFFF.
            out.put('\\');
            out.put('u');
            out.put(HEX[(c >> 12) & 0xF]);
            out.put(HEX[(c >> 8) & 0xF]);
            out.put(HEX[(c >> 4) & 0xF]);
            out.put(HEX[c & 0xF]);
          }
        }
      }
    }
    out.put('"');
  }

  /**
   * Parses and validates a manifest. {@code legacy} is passed to every entry's oid (md5-dos2unix for a 2.x tree).
   * Entries need not be sorted; the result is.
   */
  public DirManifest decode(byte[] bytes, boolean legacy) {
    List<DirEntry> entries = new ArrayList<>();
    new Parser(bytes, legacy).entries(entries::add);
    try {
      return new DirManifest(entries);
    } catch (IllegalArgumentException e) {
      throw new CorruptManifestException(e.getMessage());
    }
  }

  /**
   * Parses and validates each entry as {@link #decode} does and hands it to {@code sink} in file order, without
   * keeping them, sorting them or checking them against each other: for a question about a million-entry
   * manifest (which oids does it hold) that must not hold its entries all at once.
   */
  public void forEachEntry(byte[] bytes, boolean legacy, Consumer<DirEntry> sink) {
    new Parser(bytes, legacy).entries(sink);
  }

  /** A growable byte array that can drain into a stream. */
  private static final class Buffer {
    byte[] bytes;
    int len;
    OutputStream sink;

    Buffer(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    void put(int b) {
      if (len == bytes.length) {
        grow();
      }
      bytes[len++] = (byte) b;
    }

    void ascii(String s) {
      for (int i = 0; i < s.length(); i++) {
        put(s.charAt(i));
      }
    }

    private void grow() {
      if (sink != null) {
        flush();
      } else {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
    }

    void flush() {
      try {
        sink.write(bytes, 0, len);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      len = 0;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, len);
    }
  }

  /** One pass over the bytes of one manifest. */
  private static final class Parser {
    private final byte[] b;
    private final boolean legacy;
    private int pos;
    private final StringBuilder sb = new StringBuilder();

    Parser(byte[] bytes, boolean legacy) {
      this.b = bytes;
      this.legacy = legacy;
    }

    void entries(Consumer<DirEntry> sink) {
      skipWs();
      if (peek() != '[') {
        throw fail("not a JSON list");
      }
      pos++;
      skipWs();
      if (peek() == ']') {
        pos++;
      } else {
        for (int index = 0; ; index++) {
          skipWs();
          sink.accept(entry(index));
          skipWs();
          int c = next();
          if (c == ']') {
            break;
          }
          if (c != ',') {
            throw fail("expected ',' or ']' at byte " + (pos - 1));
          }
        }
      }
      skipWs();
      if (pos != b.length) {
        throw fail("unexpected data after the list at byte " + pos);
      }
    }

    private DirEntry entry(int index) {
      if (next() != '{') {
        throw fail("entry " + index + " is not an object");
      }
      String md5 = null;
      String relpath = null;
      skipWs();
      if (peek() == '}') {
        pos++;
      } else {
        while (true) {
          skipWs();
          if (peek() != '"') {
            throw fail("expected a key at byte " + pos);
          }
          String key = string();
          skipWs();
          if (next() != ':') {
            throw fail("expected ':' at byte " + (pos - 1));
          }
          skipWs();
          if (key.equals("md5") || key.equals("relpath")) {
            if (peek() != '"') {
              throw fail("entry " + index + ": '" + key + "' is not a string");
            }
            String v = string();
            if (key.equals("md5")) {
              if (md5 != null) {
                throw fail("entry " + index + ": duplicate key 'md5'");
              }
              md5 = v;
            } else {
              if (relpath != null) {
                throw fail("entry " + index + ": duplicate key 'relpath'");
              }
              relpath = v;
            }
          } else {
            skipValue(0);
          }
          skipWs();
          int c = next();
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw fail("expected ',' or '}' at byte " + (pos - 1));
          }
        }
      }
      if (md5 == null) {
        throw fail("entry " + index + " has no 'md5'");
      }
      if (relpath == null) {
        throw fail("entry " + index + " has no 'relpath'");
      }
      if (!Oid.isValid(md5) || md5.endsWith(Oid.DIR_SUFFIX)) {
        throw fail("entry " + index + ": invalid md5 '" + md5 + "'");
      }
      String problem = DirEntry.relpathProblem(relpath);
      if (problem != null) {
        throw fail("entry " + index + ": relpath '" + printable(relpath) + "' " + problem);
      }
      return new DirEntry(relpath, Oid.parse(md5, legacy));
    }

    /** Skips any JSON value (extra keys DVC tolerates), bounded in depth against hostile nesting. */
    private void skipValue(int depth) {
      if (depth > 64) {
        throw fail("nesting too deep at byte " + pos);
      }
      int c = peek();
      if (c == '"') {
        string();
      } else if (c == '{' || c == '[') {
        int close = c == '{' ? '}' : ']';
        pos++;
        skipWs();
        if (peek() == close) {
          pos++;
          return;
        }
        while (true) {
          skipWs();
          if (c == '{') {
            if (peek() != '"') {
              throw fail("expected a key at byte " + pos);
            }
            string();
            skipWs();
            if (next() != ':') {
              throw fail("expected ':' at byte " + (pos - 1));
            }
            skipWs();
          }
          skipValue(depth + 1);
          skipWs();
          int d = next();
          if (d == close) {
            return;
          }
          if (d != ',') {
            throw fail("unexpected byte at " + (pos - 1));
          }
        }
      } else {
        int start = pos;
        while (pos < b.length && "+-0123456789.eEtruefalsn".indexOf(b[pos]) >= 0) {
          pos++;
        }
        String lit = new String(b, start, pos - start, StandardCharsets.US_ASCII);
        if (!(lit.equals("true") || lit.equals("false") || lit.equals("null")
            || lit.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?"))) {
          throw fail("invalid value at byte " + start);
        }
      }
    }

    private String string() {
      pos++; // opening quote
      int start = pos;
      // Fast path: plain ASCII with no escape, the common case.
      while (pos < b.length) {
        int c = b[pos];
        if (c == '"') {
          String s = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
          pos++;
          return s;
        }
        if (c == '\\' || c < 0x20) {
          break;
        }
        pos++;
      }
      sb.setLength(0);
      sb.append(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
      while (true) {
        if (pos >= b.length) {
          throw fail("unterminated string");
        }
        int c = b[pos] & 0xFF;
        if (c == '"') {
          pos++;
          return sb.toString();
        }
        if (c < 0x20) {
          throw fail("control character in string at byte " + pos);
        }
        if (c == '\\') {
          pos++;
          int e = next();
          switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> sb.append((char) hex4());
            default -> throw fail("invalid escape at byte " + (pos - 1));
          }
        } else if (c < 0x80) {
          sb.append((char) c);
          pos++;
        } else {
          utf8(c);
        }
      }
    }

    /** Appends one UTF-8 encoded code point, refusing overlong and invalid forms. */
    private void utf8(int lead) {
      int n;
      int cp;
      int min;
      if (lead >= 0xC2 && lead <= 0xDF) {
        n = 1;
        cp = lead & 0x1F;
        min = 0x80;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        n = 2;
        cp = lead & 0x0F;
        min = 0x800;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 3;
        cp = lead & 0x07;
        min = 0x10000;
      } else {
        throw fail("invalid UTF-8 at byte " + pos);
      }
      int at = pos;
      pos++;
      for (int i = 0; i < n; i++) {
        if (pos >= b.length || (b[pos] & 0xC0) != 0x80) {
          throw fail("invalid UTF-8 at byte " + at);
        }
        cp = (cp << 6) | (b[pos] & 0x3F);
        pos++;
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw fail("invalid UTF-8 at byte " + at);
      }
      sb.appendCodePoint(cp);
    }

    private int hex4() {
      if (pos + 4 > b.length) {
        throw fail("truncated \\u escape");
      }
      int v = 0;
      for (int i = 0; i < 4; i++) {
        int d = Character.digit(b[pos++], 16);
        if (d < 0) {
          throw fail("invalid \\u escape at byte " + (pos - 1));
        }
        v = v << 4 | d;
      }
      return v;
    }

    private void skipWs() {
      while (pos < b.length && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
        pos++;
      }
    }

    private int peek() {
      return pos < b.length ? b[pos] : -1;
    }

    private int next() {
      if (pos >= b.length) {
        throw fail("unexpected end of data");
      }
      return b[pos++];
    }

    private static String printable(String s) {
      return s.replace("\0", "\\0");
    }

    private CorruptManifestException fail(String problem) {
      return new CorruptManifestException(problem);
    }
  }
}
