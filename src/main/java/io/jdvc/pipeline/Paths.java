package io.jdvc.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Repo-relative paths with '/', compared segment by segment. */
final class Paths {
  private Paths() {}

  /** Whether {@code path} is {@code dir} or lies below it ({@code data/x} is inside {@code data}, not {@code dat}). */
  static boolean isInside(String path, String dir) {
    return path.equals(dir) || path.startsWith(dir) && path.charAt(dir.length()) == '/';
  }

  /** {@code a}, {@code a/b}, {@code a/b/c} for {@code a/b/c}. */
  static List<String> ancestorsAndSelf(String path) {
    List<String> out = new ArrayList<>();
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      out.add(path.substring(0, i));
    }
    out.add(path);
    return out;
  }
}
