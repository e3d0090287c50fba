package io.jdvc.registry;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRefs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The model registry as GTO keeps it: nothing but annotated Git tags. A version is {@code NAME@vX.Y.Z} on the
 * commit that holds it; a stage is {@code NAME#STAGE#N} on the version's commit (the newest assignment of a
 * stage wins, GTO's {@code versions_per_stage=1}); {@code NAME@deprecated} retires the artifact. Messages and
 * the counter follow GTO's {@code registry.py} and its CLI defaults (simple tags for registrations,
 * deregistrations and deprecations, counted ones for assignments), so GTO reads what jdvc writes and the other
 * way round.
 */
public final class ModelRegistry {
  private final GitRefs refs;
  private final List<Entry> entries = new ArrayList<>();

  private record Entry(RegistryTag tag, GitRefs.TagInfo info) {}

  /** One event of an artifact's history, as {@code gto history} lists it. */
  public record Event(Instant timestamp, String artifact, String event, String version, String stage, String commit,
      String ref, String author, String message) {}

  /** An artifact's state: the latest registered version and, per stage, the version it holds. */
  public record ArtifactState(String name, String latest, Map<String, String> stages, boolean registered,
      boolean active) {}

  /** A registry reference resolved: the version (or commit, if unregistered) and its commit. */
  public record Resolved(String artifact, String version, String commit) {}

  public ModelRegistry(GitRefs refs) {
    this.refs = refs;
    for (GitRefs.TagInfo t : refs.annotatedTags()) {
      RegistryTag.parse(t.name()).ifPresent(tag -> entries.add(new Entry(tag, t)));
    }
    // tag times have a resolution of a second: within one, a deprecation counts as the latest event
    entries.sort(Comparator.comparing((Entry e) -> e.info().created())
        .thenComparing(e -> e.tag().action() == RegistryTag.Action.DEPRECATE ? 1 : 0)
        .thenComparing(e -> e.tag().counter() == null ? 0 : e.tag().counter()));
  }

  /** Registered versions of an artifact (deregistered ones left out), oldest first: version → commit. */
  public Map<String, String> versions(String artifact) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (!e.tag().artifact().equals(artifact)) {
        continue;
      }
      if (e.tag().action() == RegistryTag.Action.REGISTER) {
        out.put(e.tag().version(), e.info().commitId());
      } else if (e.tag().action() == RegistryTag.Action.DEREGISTER) {
        out.remove(e.tag().version());
      }
    }
    return out;
  }

  /** Every stage name used in assignment tags, sorted as GTO lists them. */
  public List<String> stages() {
    Set<String> out = new java.util.TreeSet<>();
    entries.stream().filter(e -> e.tag().stage() != null).forEach(e -> out.add(e.tag().stage()));
    return new ArrayList<>(out);
  }

  /** The version held by each stage (stage → version, or the commit for an unregistered one). */
  public Map<String, String> stagesOf(String artifact) {
    Map<String, String> out = new TreeMap<>();
    for (Entry e : entries) {
      if (!e.tag().artifact().equals(artifact) || e.tag().stage() == null) {
        continue;
      }
      if (e.tag().action() == RegistryTag.Action.ASSIGN) {
        out.put(e.tag().stage(), versionAt(artifact, e.info().commitId()));
      } else if (e.tag().action() == RegistryTag.Action.UNASSIGN
          && versionAt(artifact, e.info().commitId()).equals(out.get(e.tag().stage()))) {
        out.remove(e.tag().stage());
      }
    }
    return out;
  }

  private String versionAt(String artifact, String commit) {
    String found = commit;
    for (Map.Entry<String, String> v : versions(artifact).entrySet()) {
      if (v.getValue().equals(commit)) {
        found = v.getKey();
      }
    }
    return found;
  }

  /** The latest registered version by SemVer, if any. */
  public Optional<String> latest(String artifact) {
    return versions(artifact).keySet().stream().max(Comparator.comparing(SemVer::parse));
  }

  /** Every artifact named by a tag, by name. */
  public Map<String, ArtifactState> artifacts() {
    Set<String> names = new java.util.TreeSet<>();
    entries.forEach(e -> names.add(e.tag().artifact()));
    Map<String, ArtifactState> out = new LinkedHashMap<>();
    for (String n : names) {
      out.put(n, new ArtifactState(n, latest(n).orElse(null), stagesOf(n), !versions(n).isEmpty(), isActive(n)));
    }
    return out;
  }

  /** The events of one artifact (or all, for null), newest first, as {@code gto history}. */
  public List<Event> history(String artifact) {
    List<Event> out = new ArrayList<>();
    for (Entry e : entries) {
      if (artifact != null && !e.tag().artifact().equals(artifact)) {
        continue;
      }
      String event = switch (e.tag().action()) {
        case REGISTER -> "registration";
        case DEREGISTER -> "deregistration";
        case ASSIGN -> "assignment";
        case UNASSIGN -> "unassignment";
        case DEPRECATE -> "deprecation";
        case CREATE -> "creation";
      };
      String version = e.tag().version() != null ? e.tag().version()
          : e.tag().stage() != null ? versionAt(e.tag().artifact(), e.info().commitId()) : null;
      out.add(new Event(e.info().created(), e.tag().artifact(), event, version, e.tag().stage(),
          e.info().commitId(), e.info().name(), e.info().tagger(), e.info().message().strip()));
    }
    java.util.Collections.reverse(out);
    return out;
  }

  /**
   * Resolves {@code NAME@vX.Y.Z}, {@code NAME@latest}, {@code NAME#STAGE} or a bare {@code NAME} (its latest
   * version).
   */
  public Resolved resolve(String ref) {
    int at = ref.lastIndexOf('@');
    int hash = ref.indexOf('#');
    String name = at > 0 ? ref.substring(0, at) : hash > 0 ? ref.substring(0, hash) : ref;
    if (hash > 0) {
      String stage = ref.substring(hash + 1);
      String version = stagesOf(name).get(stage);
      if (version == null) {
        throw new JdvcException("no version of '" + name + "' is in stage '" + stage + "'",
            "see the registry with 'jdvc artifacts show'");
      }
      String commit = versions(name).getOrDefault(version, version);
      return new Resolved(name, version, commit);
    }
    String version = at > 0 && !ref.substring(at + 1).equals("latest") && !ref.substring(at + 1).equals("greatest")
        ? SemVer.parse(ref.substring(at + 1)).toString() : latest(name).orElseThrow(() -> new JdvcException(
            "artifact '" + name + "' has no registered version", "register one with 'jdvc artifacts register "
            + name + "'"));
    String commit = versions(name).get(version);
    if (commit == null) {
      throw new JdvcException("'" + name + "' has no version " + version, "list its versions with 'jdvc artifacts "
          + "show " + name + "'");
    }
    return new Resolved(name, version, commit);
  }

  /**
   * Registers a version at {@code commit}: the one given, else the latest bumped (patch unless major/minor), else
   * v0.0.1, as {@code gto register} picks it. Returns the tag created.
   */
  public String register(String name, String commit, String version, boolean bumpMajor, boolean bumpMinor,
      String message) {
    checkName(name);
    for (Map.Entry<String, String> v : versions(name).entrySet()) {
      if (v.getValue().equals(commit)) {
        throw new JdvcException("version " + v.getKey() + " of '" + name + "' is already registered at this commit",
            "register another commit, or assign a stage to " + v.getKey());
      }
    }
    String chosen;
    if (version != null) {
      chosen = SemVer.parse(version).toString();
      if (versions(name).containsKey(chosen) || refs.refValue("refs/tags/" + name.replace(':', '=') + "@" + chosen)
          .isPresent()) {
        throw new JdvcException("version " + chosen + " of '" + name + "' already exists", "choose another version");
      }
    } else {
      chosen = latest(name).map(l -> SemVer.parse(l).bump(bumpMajor, bumpMinor).toString())
          .orElse(SemVer.minimal().toString());
    }
    RegistryTag tag = new RegistryTag(name, RegistryTag.Action.REGISTER, chosen, null, null);
    refs.createAnnotatedTag(tag.tagName(), commit, message != null ? message
        : "Registering artifact " + name + " version " + chosen);
    return tag.tagName();
  }

  /** Assigns {@code stage} to a version (registering the commit first if it has none). Returns the tag(s). */
  public List<String> assign(String name, String version, String commit, String stage, String message) {
    checkName(name);
    if (!RegistryTag.validStageName(stage)) {
      throw new JdvcException("invalid stage name '" + stage + "'", "use letters, digits, '-', '_' and '/'");
    }
    List<String> created = new ArrayList<>();
    String target = version == null ? commit : versions(name).get(SemVer.parse(version).toString());
    if (target == null) {
      throw new JdvcException("'" + name + "' has no version " + version, "register it first");
    }
    String v = versionAt(name, target);
    if (v.equals(target)) {
      created.add(register(name, target, null, false, false, null));
      reload();
      v = versionAt(name, target);
    }
    if (v.equals(stagesOf(name).get(stage))) {
      throw new JdvcException("version " + v + " of '" + name + "' is already in stage '" + stage + "'",
          "nothing to do");
    }
    RegistryTag tag = new RegistryTag(name, RegistryTag.Action.ASSIGN, null, stage, nextCounter(name));
    refs.createAnnotatedTag(tag.tagName(), target, message != null ? message
        : "Assigning stage " + stage + " to artifact " + name + " version " + v);
    created.add(tag.tagName());
    return created;
  }

  /** As GTO's {@code is_active}: the artifact's latest event is not a deprecation. */
  private boolean isActive(String artifact) {
    RegistryTag.Action last = null;
    for (Entry e : entries) {
      if (e.tag().artifact().equals(artifact)) {
        last = e.tag().action();
      }
    }
    return last != null && last != RegistryTag.Action.DEPRECATE;
  }

  /**
   * Deprecates the artifact as {@code gto deprecate NAME} does: {@code NAME@deprecated} (GTO's default simple
   * tag; {@code NAME@deprecated#N} if that tag is taken by an earlier deprecation) on the commit of its latest
   * event.
   */
  public String deprecate(String name, String message) {
    List<Event> events = history(name);
    if (events.isEmpty()) {
      throw new JdvcException("artifact '" + name + "' is not in the registry", "see 'jdvc artifacts show'");
    }
    if (!isActive(name)) {
      throw new JdvcException("Artifact was deprecated already", "see 'jdvc artifacts history " + name + "'");
    }
    RegistryTag tag = simpleOrCounted(new RegistryTag(name, RegistryTag.Action.DEPRECATE, null, null, null));
    refs.createAnnotatedTag(tag.tagName(), events.get(0).commit(), message != null ? message
        : "Deprecating artifact '" + name + "'");
    return tag.tagName();
  }

  /**
   * Deregisters a version as {@code gto deprecate NAME VERSION} does: {@code NAME@vX.Y.Z!} on its commit
   * ({@code #N} appended if that tag exists).
   */
  public String deregister(String name, String version, String message) {
    String v = SemVer.parse(version).toString();
    String commit = versions(name).get(v);
    if (commit == null) {
      throw new JdvcException("version " + v + " of '" + name + "' is not registered", "see 'jdvc artifacts show "
          + name + "'");
    }
    RegistryTag tag = simpleOrCounted(new RegistryTag(name, RegistryTag.Action.DEREGISTER, v, null, null));
    refs.createAnnotatedTag(tag.tagName(), commit, message != null ? message
        : "Deregistering artifact " + name + " version " + v);
    return tag.tagName();
  }

  /**
   * Takes a stage from a version as {@code gto deprecate NAME VERSION STAGE} does: {@code NAME#STAGE!#N} on the
   * version's commit.
   */
  public String unassign(String name, String version, String stage, String message) {
    String v = SemVer.parse(version).toString();
    if (!v.equals(stagesOf(name).get(stage))) {
      throw new JdvcException("Stage '" + stage + "' is not assigned to a version '" + v + "'",
          "see 'jdvc artifacts show " + name + "'");
    }
    RegistryTag tag = new RegistryTag(name, RegistryTag.Action.UNASSIGN, null, stage, nextCounter(name));
    refs.createAnnotatedTag(tag.tagName(), versions(name).get(v), message != null ? message
        : "Unassigning stage '" + stage + "' to artifact '" + name + "' version '" + v + "'");
    return tag.tagName();
  }

  /** The tag without a counter, as GTO's simple tags, or with the next counter if that name is taken. */
  private RegistryTag simpleOrCounted(RegistryTag simple) {
    if (refs.refValue("refs/tags/" + simple.tagName()).isEmpty()) {
      return simple;
    }
    return new RegistryTag(simple.artifact(), simple.action(), simple.version(), simple.stage(),
        nextCounter(simple.artifact()));
  }

  private int nextCounter(String name) {
    int max = 0;
    for (Entry e : entries) {
      if (e.tag().artifact().equals(name) && e.tag().counter() != null) {
        max = Math.max(max, e.tag().counter());
      }
    }
    return max + 1;
  }

  private void reload() {
    entries.clear();
    entries.addAll(new ModelRegistry(refs).entries);
  }

  private static void checkName(String name) {
    if (!RegistryTag.validArtifactName(name)) {
      throw new JdvcException("invalid artifact name '" + name + "'", "use letters, digits, '-', '_' and '/', "
          + "starting and ending with a letter or digit");
    }
  }

}
