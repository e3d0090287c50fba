package io.jdvc.audit;

import io.jdvc.object.InvalidOidException;
import io.jdvc.object.Oid;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
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
   * Streams a sorted record file from {@code in} to {@code out} with the lines of {@code fresh} merged in, as
   * {@code parse}, {@code put} and {@link #writeTo} would produce, without holding the record: a million-object
   * record took more memory than a re-add of one changed file may use. Throws {@link NotSorted} when the file is
   * not sorted (then nothing written may be used).
   */
  public static void mergeSorted(java.io.BufferedReader in, java.util.NavigableSet<String> fresh,
      java.io.OutputStream out) throws java.io.IOException {
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

  /** Adds an entry from a raw 32-byte digest (kept, not copied); legacy oids are ignored. */
  public void put(Oid oid, byte[] sha256) {
    if (oid.legacy()) {
      return;
    }
    Object current = entries.get(oid);
    if (current == null) {
      entries.put(oid, sha256);
    } else if (current instanceof byte[] one) {
      if (!Arrays.equals(one, sha256)) {
        entries.put(oid, new TreeSet<>(Set.of(HEX.formatHex(one), HEX.formatHex(sha256))));
      }
    } else {
      @SuppressWarnings("unchecked")
      Set<String> many = (Set<String>) current;
      many.add(HEX.formatHex(sha256));
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

  /** Streams the file's bytes, so a record of a million objects is never held as one array. */
  public void writeTo(java.io.OutputStream out) throws java.io.IOException {
    out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
    List<Oid> sorted = new ArrayList<>(entries.keySet());
    Collections.sort(sorted);
    for (Oid oid : sorted) {
      for (String s : new TreeSet<>(values(entries.get(oid)))) {
        out.write((oid.value() + " " + s + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

}
