package io.jdvc.cache;

import io.jdvc.JdvcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a workspace file is made from a cache object ({@code cache.type}). */
public enum LinkType {
  REFLINK, HARDLINK, SYMLINK, COPY;

  /** DVC's default for a local cache. */
  public static final List<LinkType> DEFAULT = List.of(REFLINK, COPY);

  /** Parses {@code cache.type}: a comma-separated list such as {@code reflink,copy}. */
  public static List<LinkType> parseList(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    List<LinkType> types = new ArrayList<>();
    for (String part : value.replace("\"", "").replace("'", "").split(",")) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      try {
        types.add(valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new JdvcException("invalid cache.type '" + part.trim() + "'",
            "use a comma-separated list of reflink, hardlink, symlink, copy");
      }
    }
    return types;
  }
}
