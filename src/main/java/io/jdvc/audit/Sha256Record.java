package io.jdvc.audit;

import io.jdvc.object.InvalidOidException;
import io.jdvc.object.Oid;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tamper-evidence record {@code .dvc/objects.sha256}: the SHA-256 of every object's bytes, keyed by its MD5 oid,
 * committed to Git beside the pointers so it is exactly as trustworthy as the commit (MD5 alone can be collided on
 * purpose: dvc#3069). DVC never reads files in {@code .dvc/} it does not know, and no {@code .dvc} file gains a key.
 *
 * <p>Format, chosen for merges: UTF-8 text, one object per line {@code <oid> <sha256-hex>}, sorted by oid, with
 * {@code #} comment lines; {@code .dvc/.gitattributes} marks it {@code merge=union}, so two branches that recorded
 * different objects merge without conflict. Readers therefore accept any order and duplicate lines, and a rewrite
 * sorts again. Only DVC 3.x (md5) objects are recorded: a legacy oid is not a hash of the raw bytes. Two different
 * SHA-256 values for one oid are kept both, and make that object fail a deep audit.
 */
public final class Sha256Record {
  public static final String PATH = ".dvc/objects.sha256";
  public static final String GITATTRIBUTES_PATH = ".dvc/.gitattributes";
  public static final String GITATTRIBUTES_LINE = "/objects.sha256 merge=union";
  private static final String HEADER = "# jdvc object record: <md5 oid> <sha256 of its bytes>; sorted, one per line."
      + " See docs/formats.md.\n";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final HexFormat HEX = HexFormat.of();

  /**
   * The usual single digest as its 32 raw bytes (a third of a hex string), a sorted set of hex strings only
   * where the record contradicts itself: a record of a million objects must fit in an add's memory budget.
   * Sorted when written.
   */
  private final Map<Oid, Object> entries;

  private Sha256Record(Map<Oid, Object> entries) {
    this.entries = entries;
  }

  public static Sha256Record empty() {
    return new Sha256Record(new HashMap<>());
  }

  /** Parses the file; malformed lines are skipped rather than failing an audit over a bad merge. */
  public static Sha256Record parse(byte[] bytes) {
    Sha256Record r = empty();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      String l = recordLine(line);
      if (l != null) {
        int space = l.indexOf(' ');
        r.put(Oid.parse(l.substring(0, space)), l.substring(space + 1));
      }
    }
    return r;
  }

  /**
   * A line of the file as {@link #writeTo} writes it ({@code <oid> <sha256>}, one space), or null for a comment, a
   * blank line or a line a merge tool mangled, which are skipped.
   */
  static String recordLine(String line) {
    String l = line.strip();
    if (l.isEmpty() || l.startsWith("#")) {
      return null;
    }
    String[] parts = l.split("\\s+");
    if (parts.length != 2 || !SHA256.matcher(parts[1]).matches()) {
      return null;
    }
    try {
      Oid oid = Oid.parse(parts[0]);
      return oid.legacy() ? null : oid.value() + " " + parts[1];
    } catch (InvalidOidException e) {
      return null;
    }
  }

  /** The line {@link #writeTo} writes for an entry. */
  public static String line(Oid oid, byte[] sha256) {
    return oid.value() + " " + HEX.formatHex(sha256);
  }

  /** The file was not in the order {@link #writeTo} writes (a merge by union appends): it must be rewritten whole. */
  public static final class NotSorted extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    NotSorted() {
      super("the record is not sorted");
    }
  }

  /**
   * Streams a sorted record file from {@code in} to {@code out} with the lines of {@code fresh} (sorted, as lines
   * are written) merged in, as
   * {@code parse}, {@code put} and {@link #writeTo} would produce, without holding the record: a million-object
   * record took more memory than a re-add of one changed file may use. Throws {@link NotSorted} when the file is
   * not sorted (then nothing written may be used).
   */
  public static void mergeSorted(java.io.BufferedReader in, Iterable<String> fresh, java.io.OutputStream out)
      throws java.io.IOException {
    out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
    java.util.Iterator<String> added = fresh.iterator();
    String next = added.hasNext() ? added.next() : null;
    String prev = null;
    for (String raw; (raw = in.readLine()) != null;) {
      String l = recordLine(raw);
      if (l == null || l.equals(prev)) {
        continue;
      }
      if (prev != null && l.compareTo(prev) < 0) {
        throw new NotSorted();
      }
      while (next != null && next.compareTo(l) <= 0) {
        if (!next.equals(l)) {
          out.write((next + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        next = added.hasNext() ? added.next() : null;
      }
      out.write((l + "\n").getBytes(StandardCharsets.US_ASCII));
      prev = l;
    }
    while (next != null) {
      out.write((next + "\n").getBytes(StandardCharsets.US_ASCII));
      next = added.hasNext() ? added.next() : null;
    }
  }

  /** Adds an entry; legacy oids are ignored. */
  public void put(Oid oid, String sha256) {
    put(oid, HexFormat.of().parseHex(sha256));
  }

  /**
   * Adds an entry from a raw 32-byte digest (kept, not copied); legacy oids are ignored. Returns whether the record
   * changed: false when it already held this digest for the oid.
   */
  public boolean put(Oid oid, byte[] sha256) {
    if (oid.legacy()) {
      return false;
    }
    Object current = entries.putIfAbsent(oid, sha256);
    if (current == null) {
      return true;
    } else if (current instanceof byte[] one) {
      if (Arrays.equals(one, sha256)) {
        return false;
      }
      entries.put(oid, new TreeSet<>(Set.of(HEX.formatHex(one), HEX.formatHex(sha256))));
      return true;
    } else {
      @SuppressWarnings("unchecked")
      Set<String> many = (Set<String>) current;
      return many.add(HEX.formatHex(sha256));
    }
  }

  /** Adds every entry of {@code other}. */
  public void putAll(Sha256Record other) {
    other.entries.forEach((oid, v) -> values(v).forEach(s -> put(oid, s)));
  }

  /** The recorded values for an oid: empty if unrecorded, more than one if the record contradicts itself. */
  public Set<String> get(Oid oid) {
    Object v = entries.get(oid.withLegacy(false));
    return oid.legacy() || v == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values(v)));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> values(Object v) {
    return v instanceof byte[] one ? Set.of(HEX.formatHex(one)) : (Set<String>) v;
  }

  public boolean contains(Oid oid) {
    return !get(oid).isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** The file's bytes: header, then sorted lines. */
  public byte[] format() {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try {
      writeTo(b);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  /** Writes a record file that holds exactly the digests of {@code batch}, as {@link #writeTo} would. */
  public static void write(Sha256Batch batch, java.io.OutputStream out) throws java.io.IOException {
    out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
    batch.writeLines(out);
  }

  /** Streams the file's bytes, so a record of a million objects is never held as one array. */
  public void writeTo(java.io.OutputStream out) throws java.io.IOException {
    out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
    byte[] line = new byte[128];
    for (Map.Entry<Oid, Object> e : sorted(entries)) {
      Oid oid = e.getKey();
      Object v = e.getValue();
      if (v instanceof byte[] one) {
        // the usual entry, written without a string per line: an add of a million files writes a million lines
        String value = oid.value();
        int n = value.length();
        for (int i = 0; i < n; i++) {
          line[i] = (byte) value.charAt(i); // hex digits and ".dir": ASCII, as Oid checks
        }
        line[n++] = ' ';
        for (byte b : one) {
          line[n++] = HEX_DIGITS[(b >> 4) & 0xf];
          line[n++] = HEX_DIGITS[b & 0xf];
        }
        line[n++] = '\n';
        out.write(line, 0, n);
      } else {
        for (String s : new TreeSet<>(values(v))) {
          out.write((oid.value() + " " + s + "\n").getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
  }

  /**
   * The entries in {@link Oid#compareTo} order of their keys: first spread over 65,536 buckets by the oid's first
   * four hex digits (the digits sort as their values), then each bucket sorted. Sorting a million oids in one array
   * took 1.2–5.7 s, nearly all of it cache misses of string comparisons; this takes a third to a fifth of that,
   * and the values come along without a lookup per key.
   */
  private static List<Map.Entry<Oid, Object>> sorted(Map<Oid, Object> map) {
    @SuppressWarnings("unchecked")
    Map.Entry<Oid, Object>[] in = map.entrySet().toArray(new Map.Entry[0]);
    int buckets = 1 << 16;
    int[] bucketOf = new int[in.length];
    int[] start = new int[buckets + 1];
    for (int i = 0; i < in.length; i++) {
      String v = in[i].getKey().value();
      int b = 0;
      for (int d = 0; d < 4; d++) {
        b = b << 4 | Character.digit(v.charAt(d), 16);
      }
      bucketOf[i] = b;
      start[b + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      start[b + 1] += start[b];
    }
    @SuppressWarnings("unchecked")
    Map.Entry<Oid, Object>[] out = new Map.Entry[in.length];
    int[] next = Arrays.copyOf(start, buckets);
    for (int i = 0; i < in.length; i++) {
      out[next[bucketOf[i]]++] = in[i];
    }
    for (int b = 0; b < buckets; b++) {
      if (start[b + 1] - start[b] > 1) {
        Arrays.sort(out, start[b], start[b + 1], Map.Entry.comparingByKey());
      }
    }
    return Arrays.asList(out);
  }

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

}
