package io.jdvc.remote;

import io.jdvc.JdvcException;
import java.time.Duration;
import java.util.Map;

/** Option parsing that several kinds of remote share, with the same messages. */
public final class RemoteOptions {
  private RemoteOptions() {}

  /** A number of seconds (decimals allowed) in (0, 1 day), or {@code dflt} when {@code key} is not set. */
  public static Duration seconds(String remoteName, Map<String, String> s, String key, Duration dflt) {
    String v = s.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d > 0 && d < 86_400) {
        return Duration.ofMillis(Math.round(d * 1000));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new JdvcException("remote '" + remoteName + "': " + key + " must be a number of seconds > 0, not '" + v
        + "'", "fix it with 'jdvc remote modify " + remoteName + " ...' or edit .dvc/config");
  }
}
