package io.jdvc.audit;

import io.jdvc.object.InvalidOidException;
import io.jdvc.object.Oid;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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

  private final Map<Oid, Set<String>> entries;

  private Sha256Record(Map<Oid, Set<String>> entries) {
    this.entries = entries;
  }

  public static Sha256Record empty() {
    return new Sha256Record(new TreeMap<>());
  }

  /** Parses the file; malformed lines are skipped rather than failing an audit over a bad merge. */
  public static Sha256Record parse(byte[] bytes) {
    Sha256Record r = empty();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+");
      if (parts.length != 2 || !SHA256.matcher(parts[1]).matches()) {
        continue;
      }
      try {
        r.put(Oid.parse(parts[0]), parts[1]);
      } catch (InvalidOidException e) {
        // a line mangled by a merge tool: skip it
      }
    }
    return r;
  }

  /** Adds an entry; legacy oids are ignored. */
  public void put(Oid oid, String sha256) {
    if (!oid.legacy()) {
      entries.computeIfAbsent(oid, k -> new TreeSet<>()).add(sha256);
    }
  }

  /** Adds every entry of {@code other}. */
  public void putAll(Sha256Record other) {
    other.entries.forEach((oid, shas) -> shas.forEach(s -> put(oid, s)));
  }

  /** The recorded values for an oid: empty if unrecorded, more than one if the record contradicts itself. */
  public Set<String> get(Oid oid) {
    Set<String> s = entries.get(oid.withLegacy(false));
    return oid.legacy() || s == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(s));
  }

  public boolean contains(Oid oid) {
    return !get(oid).isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** The file's bytes: header, then sorted lines. */
  public byte[] format() {
    StringBuilder b = new StringBuilder(HEADER);
    entries.forEach((oid, shas) -> shas.forEach(s -> b.append(oid.value()).append(' ').append(s).append('\n')));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
