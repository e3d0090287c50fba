package io.jdvc.registry;

import io.jdvc.JdvcException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A version as GTO writes it, {@code v} then SemVer 2.0: {@code v1.3.0}, {@code v2.0.0-rc.1}. */
public record SemVer(int major, int minor, int patch, String rest) implements Comparable<SemVer> {
  private static final Pattern PATTERN = Pattern.compile("^v" + RegistryTag.SEMVER + "$");

  public static SemVer parse(String text) {
    String t = text.startsWith("v") ? text : "v" + text;
    Matcher m = PATTERN.matcher(t);
    if (!m.matches()) {
      throw new JdvcException("'" + text + "' is not a valid version", "use SemVer with a v: v1.3.0, v2.0.0-rc.1");
    }
    int plus = t.indexOf('-') >= 0 ? t.indexOf('-') : t.indexOf('+');
    return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        plus < 0 ? "" : t.substring(plus));
  }

  /** GTO's first version when none is given: v0.0.1. */
  public static SemVer minimal() {
    return new SemVer(0, 0, 1, "");
  }

  public SemVer bump(boolean major, boolean minor) {
    if (major) {
      return new SemVer(this.major + 1, 0, 0, "");
    }
    if (minor) {
      return new SemVer(this.major, this.minor + 1, 0, "");
    }
    return new SemVer(this.major, this.minor, this.patch + 1, "");
  }

  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch + rest;
  }

  @Override
  public int compareTo(SemVer o) {
    int c = Integer.compare(major, o.major);
    c = c != 0 ? c : Integer.compare(minor, o.minor);
    c = c != 0 ? c : Integer.compare(patch, o.patch);
    if (c != 0 || rest.equals(o.rest)) {
      return c;
    }
    // a pre-release sorts before its release
    return rest.isEmpty() ? 1 : o.rest.isEmpty() ? -1 : rest.compareTo(o.rest);
  }
}
