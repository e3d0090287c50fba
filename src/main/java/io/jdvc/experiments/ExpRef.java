package io.jdvc.experiments;

import java.util.Optional;

/**
 * Where DVC keeps an experiment: {@code refs/exps/<B[0:2]>/<B[2:]>/<name>}, B the full id of the baseline commit.
 * The name lives only here, never in the commit.
 *
 * @param baseline 40-hex id of the commit the experiment was run on
 * @param name the experiment's name (no {@code /})
 */
public record ExpRef(String baseline, String name) {
  public static final String PREFIX = "refs/exps/";

  /** The full ref name. */
  public String refName() {
    return PREFIX + baseline.substring(0, 2) + "/" + baseline.substring(2) + "/" + name;
  }

  /** The ref namespace of every experiment of a baseline, ending in {@code /}. */
  public static String baselinePrefix(String baseline) {
    return PREFIX + baseline.substring(0, 2) + "/" + baseline.substring(2) + "/";
  }

  /**
   * The experiment a full ref name denotes, or empty for DVC's own bookkeeping refs ({@code refs/exps/stash},
   * {@code exec/}, {@code apply/}, {@code celery/}, {@code temp/}) and anything not shaped like an experiment ref.
   */
  public static Optional<ExpRef> parse(String refName) {
    if (!refName.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = refName.substring(PREFIX.length()).split("/", -1);
    if (parts.length != 3 || parts[0].length() != 2 || parts[1].length() != 38
        || !(parts[0] + parts[1]).matches("[0-9a-f]{40}") || parts[2].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ExpRef(parts[0] + parts[1], parts[2]));
  }
}
