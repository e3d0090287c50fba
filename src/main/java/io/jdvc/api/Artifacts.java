package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRefs;
import io.jdvc.git.GitRepo;
import io.jdvc.object.Oid;
import io.jdvc.registry.Lineage;
import io.jdvc.registry.ModelRegistry;
import io.jdvc.remote.Remote;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model registry commands ({@code jdvc artifacts ...}): GTO's tags written and read through
 * {@link ModelRegistry}, pushed to a Git remote on request, and the lineage of a registered model with where its
 * bytes are.
 */
public final class Artifacts {
  private final Jdvc jdvc;
  private final GitRepo git;
  private final GitRefs refs;

  Artifacts(Jdvc jdvc) {
    this.jdvc = jdvc;
    this.git = jdvc.requireGit("artifacts");
    this.refs = new GitRefs(git);
  }

  public ModelRegistry registry() {
    return new ModelRegistry(refs);
  }

  /** {@code artifacts register}: the tag created. The artifact must be declared in dvc.yaml at that commit. */
  public String register(String name, String rev, String version, boolean bumpMajor, boolean bumpMinor,
      String message) {
    String commit = git.resolve(rev == null ? "HEAD" : rev);
    requireDeclared(name, commit);
    return registry().register(name, commit, version, bumpMajor, bumpMinor, message);
  }

  /** {@code artifacts assign}: the tags created (a registration first, if the commit had no version). */
  public List<String> assign(String name, String version, String rev, String stage, String message) {
    String commit = git.resolve(rev == null ? "HEAD" : rev);
    if (version == null) {
      requireDeclared(name, commit);
    }
    return registry().assign(name, version, commit, stage, message);
  }

  /**
   * {@code artifacts deprecate}, as GTO's {@code deprecate}: the artifact, or with a version that version
   * (deregistration), or with a version and a stage that stage's assignment (unassignment).
   */
  public String deprecate(String name, String version, String stage, String message) {
    if (version == null) {
      return registry().deprecate(name, message);
    }
    return stage == null ? registry().deregister(name, version, message)
        : registry().unassign(name, version, stage, message);
  }

  /** Pushes tags to a Git remote, same names; returns each one's status. */
  public Map<String, GitRefs.SyncStatus> pushTags(String remote, List<String> tags) {
    return refs.push(remote, tags.stream().map(t -> "refs/tags/" + t).toList(), false);
  }

  /**
   * The auditor's question: which data, params and stages made the version a reference names, and whether its
   * object is in the cache and on the default remote (null when there is no remote).
   */
  public record LineageResult(Lineage.Report report, boolean inCache, Boolean onRemote, String remote) {}

  public LineageResult lineage(String ref) throws java.io.IOException {
    ModelRegistry.Resolved r = registry().resolve(ref);
    Lineage.Report report = Lineage.of(git, r);
    boolean inCache = false;
    Boolean onRemote = null;
    String remoteName = null;
    if (report.oid() != null) {
      Oid oid = Oid.parse(report.oid());
      inCache = jdvc.cache().check(oid) == io.jdvc.cache.LocalCache.ObjectCheck.INTACT;
      if (jdvc.config().get("core", "remote").isPresent()) {
        try (Remote remote = jdvc.openRemote(null)) {
          remoteName = remote.name();
          onRemote = !remote.existing(Set.of(oid)).isEmpty();
        } catch (JdvcException | java.io.IOException e) {
          onRemote = null;
        }
      }
    }
    return new LineageResult(report, inCache, onRemote, remoteName);
  }

  /**
   * {@code artifacts add}: declares an artifact under {@code artifacts:} of a {@code dvc.yaml} (default the
   * top-level one), as DVC's {@code Artifacts.add} writes it; the rest of the file keeps its bytes.
   *
   * @param dvcFile the repo-relative {@code dvc.yaml} to write, or null for {@code dvc.yaml}
   * @return the repo path of the file written
   */
  public String add(String name, String path, String type, String desc, List<String> labels,
      Map<String, Object> meta, String dvcFile, boolean force) throws java.io.IOException {
    if (!io.jdvc.registry.RegistryTag.validArtifactName(name) || name.contains(":")) {
      throw new JdvcException("Can't use '" + name + "' as artifact name (ID).", "use letters, digits, '-', '_' and"
          + " '/', starting and ending with a letter or digit (GTO's rule)");
    }
    String file = dvcFile == null ? "dvc.yaml" : dvcFile.replace('\\', '/');
    if (!(file.equals("dvc.yaml") || file.endsWith("/dvc.yaml")) || file.startsWith("/") || file.contains("..")) {
      throw new JdvcException("'" + file + "' is not a dvc.yaml of this repository",
          "name a dvc.yaml by its path relative to the repository root, e.g. models/dvc.yaml");
    }
    if (path == null || path.isBlank() || path.startsWith("/")) {
      throw new JdvcException("artifact path '" + path + "' must be relative to " + file,
          "give the model's path as dvc.yaml's directory sees it, e.g. models/model.pkl");
    }
    Map<String, Object> declaration = new java.util.LinkedHashMap<>(); // DVC's Artifact.to_dict order, compacted
    declaration.put("path", path);
    putIfPresent(declaration, "desc", desc);
    putIfPresent(declaration, "type", type);
    if (labels != null && !labels.isEmpty()) {
      declaration.put("labels", List.copyOf(labels));
    }
    if (meta != null && !meta.isEmpty()) {
      declaration.put("meta", meta);
    }
    java.nio.file.Path target = jdvc.root().resolve(file);
    try (io.jdvc.repo.RepoLock lock = jdvc.lock()) {
      byte[] existing = java.nio.file.Files.isRegularFile(target) ? java.nio.file.Files.readAllBytes(target) : null;
      byte[] updated = new io.jdvc.pipeline.PipelineFileEditor().addArtifact(existing, file, name, declaration,
          force);
      java.nio.file.Files.createDirectories(target.getParent());
      io.jdvc.AtomicFiles.write(target, updated);
    }
    return file;
  }

  private static void putIfPresent(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }

  /**
   * {@code artifacts list}: every artifact the work tree's {@code dvc.yaml} files declare, per file (as DVC's
   * {@code Artifacts.read}): file → name → declaration.
   */
  public Map<String, Map<String, Object>> list() throws java.io.IOException {
    Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
    jdvc.index().pipelineFiles().forEach((file, pipeline) -> {
      if (!pipeline.artifacts().isEmpty()) {
        out.put(file, pipeline.artifacts());
      }
    });
    return out;
  }

  private void requireDeclared(String name, String commit) {
    int colon = name.lastIndexOf(':');
    String yaml = (colon < 0 ? "" : name.substring(0, colon) + "/") + "dvc.yaml";
    String bare = colon < 0 ? name : name.substring(colon + 1);
    String text = git.readFile(commit, yaml).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
        .orElse("");
    Map<String, Object> tree = text.isEmpty() ? Map.of()
        : io.jdvc.pipeline.ParamsFiles.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), yaml);
    if (!(tree.get("artifacts") instanceof Map<?, ?> declared) || !declared.containsKey(bare)) {
      throw new JdvcException("artifact '" + bare + "' is not declared in " + yaml + " at " + commit.substring(0, 7),
          "add it under 'artifacts:' in " + yaml + " with its path, and commit");
    }
  }

}
