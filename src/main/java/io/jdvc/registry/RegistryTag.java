package io.jdvc.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GTO tag name, parsed as GTO's {@code tag_re} parses it ({@code gto/constants.py}): {@code NAME@vX.Y.Z}
 * registers a version ({@code !} after it deregisters), {@code NAME#STAGE#N} assigns a stage ({@code #STAGE!#N}
 * unassigns), {@code NAME@deprecated#N} deprecates the artifact. {@code N} is a counter per artifact. In tags,
 * {@code :} of an artifact name ({@code dir:model}) is written {@code =}.
 */
public record RegistryTag(String artifact, Action action, String version, String stage, Integer counter) {
  /** What a tag does. */
  public enum Action { REGISTER, DEREGISTER, ASSIGN, UNASSIGN, DEPRECATE, CREATE }

  static final String NAME = "[a-zA-Z0-9]([a-zA-Z0-9-/_]*[a-zA-Z0-9])?";
  static final String SEMVER = "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-]"
      + "[0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?";
  private static final String FULLNAME_IN_TAG = "(?:[a-zA-Z0-9-_./]+=)?" + NAME;
  private static final Pattern TAG = Pattern.compile("^(?<artifact>" + FULLNAME_IN_TAG + ")(((#(?<stage>" + NAME
      + ")|@(?<version>v" + SEMVER + "))(?<cancel>!?))|@((?<deprecated>deprecated)|(?<created>created)))(#(?<counter>"
      + "[0-9]+))?$");
  private static final Pattern FULLNAME = Pattern.compile("^(?:[a-zA-Z0-9-_./]+:)?" + NAME + "$");

  /** The tag as GTO would parse it, or empty for any other tag. */
  public static Optional<RegistryTag> parse(String tag) {
    Matcher m = TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    String artifact = m.group("artifact").replace('=', ':');
    Integer counter = m.group("counter") == null ? null : Integer.valueOf(m.group("counter"));
    boolean cancel = "!".equals(m.group("cancel"));
    if (m.group("version") != null) {
      return Optional.of(new RegistryTag(artifact, cancel ? Action.DEREGISTER : Action.REGISTER, m.group("version"),
          null, counter));
    }
    if (m.group("stage") != null) {
      return Optional.of(new RegistryTag(artifact, cancel ? Action.UNASSIGN : Action.ASSIGN, null, m.group("stage"),
          counter));
    }
    return Optional.of(new RegistryTag(artifact, m.group("deprecated") != null ? Action.DEPRECATE : Action.CREATE,
        null, null, counter));
  }

  /** Whether GTO accepts this as an artifact name ({@code [dir:]name}). */
  public static boolean validArtifactName(String name) {
    return FULLNAME.matcher(name).matches();
  }

  /** Whether GTO accepts this as a stage name. */
  public static boolean validStageName(String name) {
    return name.matches(NAME);
  }

  /** The tag name: counters are appended for assignments and deprecations, as GTO's non-simple tags have them. */
  public String tagName() {
    String a = artifact.replace(':', '=');
    String base = switch (action) {
      case REGISTER -> a + "@" + version;
      case DEREGISTER -> a + "@" + version + "!";
      case ASSIGN -> a + "#" + stage;
      case UNASSIGN -> a + "#" + stage + "!";
      case DEPRECATE -> a + "@deprecated";
      case CREATE -> a + "@created";
    };
    return counter == null ? base : base + "#" + counter;
  }
}
