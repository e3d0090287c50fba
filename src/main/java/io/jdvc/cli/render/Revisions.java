package io.jdvc.cli.render;

import io.jdvc.git.RevisionRef;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** How commits appear in history output: one JSON shape everywhere, and a short text form. */
public final class Revisions {
  private Revisions() {}

  /** {@code {commit, ref, date, author, email, message}}: full id, ISO-8601 UTC date, subject line. */
  public static Map<String, Object> json(RevisionRef r) {
    if (r == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("commit", r.commitId());
    m.put("ref", r.name());
    m.put("date", iso(r));
    m.put("author", r.authorName());
    m.put("email", r.authorEmail());
    m.put("message", r.subject());
    return m;
  }

  public static String iso(RevisionRef r) {
    return DateTimeFormatter.ISO_INSTANT.format(r.commitTime());
  }

  /** {@code abc1234 (v1) 2024-01-01T00:00:00Z Jane Doe}. */
  public static String text(RevisionRef r) {
    if (r == null) {
      return "(unknown)";
    }
    return r.shortId() + (r.name() == null ? "" : " (" + r.name() + ")") + " " + iso(r) + " " + r.authorName();
  }
}
