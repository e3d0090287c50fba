package io.jdvc.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The files of a tracked directory, sorted by relpath in Unicode code point order (Python's string order, which
 * decides DVC's bytes and so the directory's hash), without duplicates. Sizes and file counts are not part of a
 * manifest; they live in the {@code .dvc} file. Immutable.
 */
public record DirManifest(List<DirEntry> entries) {
  /**
   * Python {@code str} order. {@link String#compareTo} compares UTF-16 units, which puts U+E000..U+FFFF after
   * supplementary characters; shifting surrogates above that range fixes it without decoding code points.
   */
  public static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800) {
          return fixup(x) - fixup(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  };

  private static int fixup(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  private static final Comparator<DirEntry> BY_RELPATH = (a, b) -> CODE_POINT_ORDER.compare(a.relpath(), b.relpath());

  /**
   * Sorts the entries; throws {@link IllegalArgumentException} on a duplicate relpath or on a path that is both a
   * file and a directory ({@code a} and {@code a/b}), which no file system can hold.
   */
  public DirManifest {
    List<DirEntry> sorted = new ArrayList<>(entries);
    sorted.sort(BY_RELPATH);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).relpath().equals(sorted.get(i).relpath())) {
        throw new IllegalArgumentException("duplicate relpath '" + sorted.get(i).relpath() + "'");
      }
    }
    rejectFilesUsedAsDirectories(sorted);
    entries = Collections.unmodifiableList(sorted);
  }

  /**
   * The files under one directory are contiguous in this order (they share a prefix), so each directory needs
   * checking only when the walk enters it: its ancestors are looked up as files by binary search.
   */
  private static void rejectFilesUsedAsDirectories(List<DirEntry> sorted) {
    String checkedParent = "";
    for (DirEntry e : sorted) {
      String p = e.relpath();
      int slash = p.lastIndexOf('/');
      String parent = slash < 0 ? "" : p.substring(0, slash);
      if (parent.equals(checkedParent)) {
        continue;
      }
      for (int s = p.indexOf('/'); s > 0; s = p.indexOf('/', s + 1)) {
        String dir = p.substring(0, s);
        if (find(sorted, dir).isPresent()) {
          throw new IllegalArgumentException("'" + dir + "' is both a file and a directory (entry '" + p + "')");
        }
      }
      checkedParent = parent;
    }
  }

  /** The entry for a relpath, found by binary search. */
  public Optional<DirEntry> get(String relpath) {
    return find(entries, relpath);
  }

  private static Optional<DirEntry> find(List<DirEntry> entries, String relpath) {
    int lo = 0;
    int hi = entries.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = CODE_POINT_ORDER.compare(entries.get(mid).relpath(), relpath);
      if (c == 0) {
        return Optional.of(entries.get(mid));
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.empty();
  }

  /** Number of files, DVC's {@code nfiles}. */
  public int count() {
    return entries.size();
  }
}
