package io.jdvc.tables;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRepo;
import io.jdvc.git.PointerHistory;
import io.jdvc.git.RevisionRef;
import io.jdvc.history.DvcLock;
import io.jdvc.history.LockedStage;
import io.jdvc.history.ManifestStore;
import io.jdvc.history.PointerFiles;
import io.jdvc.history.RecordedOutput;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.pipeline.PipelineFile;
import io.jdvc.pipeline.PipelineFileLoader;
import io.jdvc.pipeline.Stage;
import io.jdvc.pipeline.StageOutput;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.DvcFileCodec;
import io.jdvc.pointer.Output;
import io.jdvc.pointer.PlainScalar;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every output a revision tracks, described: from its {@code .dvc} files (with their {@code desc}, {@code type},
 * {@code labels}, {@code meta}), {@code dvc.lock} files (with the producing stage), and {@code dvc.yaml} files
 * (outputs not run yet, the descriptions outputs carry there, and {@code artifacts:}), each with the last commit
 * that changed its pointer, whether the default remote has it, and its rows and columns when profiled. Reads Git,
 * the profile cache and cached manifests only: never DuckDB, never data.
 */
final class Catalog {
  private static final DvcFileCodec CODEC = new DvcFileCodec();

  private final TableContext ctx;
  private final ProfileStore profiles;

  Catalog(TableContext ctx, ProfileStore profiles) {
    this.ctx = ctx;
    this.profiles = profiles;
  }

  List<CatalogEntry> entries(String rev, boolean askRemote) throws IOException {
    GitRepo git = git();
    String commit = git.resolve(rev);
    List<Found> found = new ArrayList<>();
    describedAt(git, commit, ctx.notices()).forEach(d -> found.add(new Found(commit, d)));
    return entries(git, found, askRemote);
  }

  /**
   * Every output any commit tracks ({@code git rev-list --all}), each described as the newest commit that tracks
   * it (by commit time) records it, so outputs no longer tracked at {@code HEAD} are listed too.
   */
  List<CatalogEntry> allCommits(boolean askRemote) throws IOException {
    GitRepo git = git();
    Map<String, Found> byPath = new java.util.LinkedHashMap<>();
    for (RevisionRef c : git.allCommits()) {
      for (Described d : describedAt(git, c.commitId(), ctx.notices())) {
        byPath.putIfAbsent(d.output().path(), new Found(c.commitId(), d));
      }
    }
    return entries(git, new ArrayList<>(byPath.values()), askRemote);
  }

  private GitRepo git() {
    return ctx.git().get().orElseThrow(() -> new JdvcException("the catalog reads Git, but " + ctx.root()
        + " is not in a Git work tree", "run it inside the Git repository that holds the .dvc files"));
  }

  /** An output as {@code commit} describes it. */
  private record Found(String commit, Described described) {}

  /**
   * The outputs {@code commit} tracks with their descriptions only (no last commit, remote or profile): what
   * {@code ls --json} adds to its entries.
   */
  static List<CatalogEntry> described(GitRepo git, String commit, java.util.function.Consumer<String> notices) {
    return describedAt(git, commit, notices).stream().map(d -> entry(d, null, null, null)).toList();
  }

  private static List<Described> describedAt(GitRepo git, String commit,
      java.util.function.Consumer<String> notices) {
    List<Described> found = new ArrayList<>();
    Map<String, byte[]> pipelines = new java.util.TreeMap<>();
    for (Map.Entry<String, byte[]> f : git.filesAt(commit, p -> PointerFiles.isPointer(p) || isPipelineFile(p))
        .entrySet()) {
      try {
        if (isPipelineFile(f.getKey())) {
          pipelines.put(f.getKey(), f.getValue());
        } else {
          found.addAll(describe(f.getKey(), f.getValue(), PointerFiles.isLockFile(f.getKey())
              ? git.readFile(commit, DvcLock.pipelineFileOf(f.getKey())).orElse(null) : null));
        }
      } catch (JdvcException e) {
        notices.accept("skipped " + f.getKey() + ", which cannot be read: " + e.getMessage());
      }
    }
    for (Map.Entry<String, byte[]> f : pipelines.entrySet()) {
      try {
        addDeclared(git, commit, f.getKey(), f.getValue(), found);
      } catch (JdvcException e) {
        notices.accept("skipped " + f.getKey() + ", which cannot be read: " + e.getMessage());
      }
    }
    return found;
  }

  private List<CatalogEntry> entries(GitRepo git, List<Found> found, boolean askRemote) throws IOException {
    Set<Oid> onRemote = askRemote ? onRemote(found.stream().map(Found::described).toList()) : null;
    PointerHistory history = new PointerHistory(git);
    ManifestStore manifests = new ManifestStore(ctx.cache(), List.of());
    List<CatalogEntry> out = new ArrayList<>();
    // one walk per pointer file and starting commit
    Map<List<String>, Optional<RevisionRef>> lastChanges = new java.util.HashMap<>();
    for (Found fd : found) {
      Described d = fd.described();
      RecordedOutput o = d.output;
      RevisionRef last = lastChanges.computeIfAbsent(List.of(fd.commit(), o.pointerPath()),
          k -> history.lastChange(k.get(0), k.get(1))).orElse(null);
      out.add(entry(d, last, onRemote == null || o.oid() == null ? null : onRemote.contains(o.oid()),
          shape(o, manifests)));
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  private static CatalogEntry entry(Described d, RevisionRef last, Boolean onRemote, long[] shape) {
    RecordedOutput o = d.output;
    return new CatalogEntry(o.path(), o.pointerPath(), o.stage(), o.oid() == null ? null : o.oid().value(),
        o.size(), o.nfiles(), d.desc, d.type, d.labels, d.meta, d.artifact, last, onRemote,
        shape == null ? null : shape[0], shape == null ? null : (int) shape[1]);
  }

  private record Described(RecordedOutput output, String desc, String type, List<String> labels, Object meta,
      String artifact) {

    Described(RecordedOutput output, String desc, String type, List<String> labels, Object meta) {
      this(output, desc, type, labels, meta, null);
    }

    /** This entry with what {@code dvc.yaml} says of it where the pointer said nothing. */
    Described enriched(String desc2, String type2, List<String> labels2, Object meta2, String artifact2) {
      return new Described(output, desc != null ? desc : desc2, type != null ? type : type2,
          labels != null ? labels : labels2, meta != null ? meta : meta2, artifact != null ? artifact : artifact2);
    }
  }

  private static boolean isPipelineFile(String repoPath) {
    return repoPath.equals("dvc.yaml") || repoPath.endsWith("/dvc.yaml");
  }

  /**
   * What a {@code dvc.yaml} declares: stage outputs not yet in {@code dvc.lock} (never run, so no hash), the
   * {@code desc}, {@code type}, {@code labels} and {@code meta} its outputs carry, and its {@code artifacts:}, each
   * merged into the entry for the same path or added.
   */
  private static void addDeclared(GitRepo git, String commit, String yamlPath, byte[] yaml, List<Described> found) {
    PipelineFile pf = new PipelineFileLoader().load(yamlPath, yaml, new PipelineFileLoader.RepoFiles() {
      @Override
      public byte[] read(String p) {
        return git.readFile(commit, p).orElse(null);
      }

      @Override
      public boolean isDirectory(String p) {
        return false;
      }
    });
    for (Stage stage : pf.stages()) {
      for (StageOutput.Kind kind : StageOutput.Kind.values()) {
        for (StageOutput o : stage.outs(kind)) {
          String path = stage.repoPath(o.path());
          merge(found, path, o.desc(), o.type(), o.labels(), o.meta(), null, () -> new RecordedOutput(yamlPath,
              stage.name(), path, null, null, null, o.cache()));
        }
      }
    }
    String dir = yamlPath.contains("/") ? yamlPath.substring(0, yamlPath.lastIndexOf('/') + 1) : "";
    for (Map.Entry<String, Object> a : pf.artifacts().entrySet()) {
      if (a.getValue() instanceof Map<?, ?> decl && decl.get("path") != null) {
        String path = Path.of(dir + decl.get("path")).normalize().toString().replace('\\', '/');
        List<String> labels = decl.get("labels") instanceof List<?> l ? l.stream().map(String::valueOf).toList()
            : null;
        merge(found, path, text(decl.get("desc")), text(decl.get("type")), labels, decl.get("meta"), a.getKey(),
            () -> new RecordedOutput(yamlPath, null, path, null, null, null, true));
      }
    }
  }

  private static void merge(List<Described> found, String path, String desc, String type, List<String> labels,
      Object meta, String artifact, java.util.function.Supplier<RecordedOutput> declaredOnly) {
    for (int i = 0; i < found.size(); i++) {
      if (found.get(i).output().path().equals(path)) {
        found.set(i, found.get(i).enriched(desc, type, labels, PlainScalar.resolve(meta), artifact));
        return;
      }
    }
    found.add(new Described(declaredOnly.get(), desc, type, labels, PlainScalar.resolve(meta), artifact));
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  private static List<Described> describe(String pointerPath, byte[] content, byte[] pipelineYaml) {
    List<Described> out = new ArrayList<>();
    if (PointerFiles.isLockFile(pointerPath)) {
      for (LockedStage s : DvcLock.parse(pointerPath, content, pipelineYaml).stages()) {
        s.outs().forEach(o -> out.add(new Described(o, null, null, null, null)));
      }
      return out;
    }
    DvcFile file = CODEC.parse(new String(content, StandardCharsets.UTF_8), pointerPath);
    Path parent = Path.of(pointerPath).getParent();
    Path dir = file.outputDir(parent == null ? Path.of("") : parent);
    for (Output o : file.outs()) {
      String path = dir.resolve(o.path()).normalize().toString().replace('\\', '/');
      if (!path.startsWith("..")) {
        out.add(new Described(PointerFiles.of(pointerPath, path, o), o.desc(), o.type(), o.labels(),
            PlainScalar.resolve(o.meta())));
      }
    }
    return out;
  }

  private Set<Oid> onRemote(List<Described> found) throws IOException {
    Optional<Remote> remote = ctx.defaultRemote().get();
    if (remote.isEmpty()) {
      return null;
    }
    try (Remote r = remote.get()) {
      Set<Oid> oids = new HashSet<>();
      found.stream().map(d -> d.output.oid()).filter(java.util.Objects::nonNull).forEach(oids::add);
      return r.existing(oids);
    }
  }

  /** {rows, columns} when every table file of the output has a cached profile, else null. */
  private long[] shape(RecordedOutput o, ManifestStore manifests) throws IOException {
    if (o.oid() == null) {
      return null;
    }
    List<TableProfile> parts = new ArrayList<>();
    if (o.oid().isDir()) {
      Optional<DirManifest> m = manifests.load(o.oid());
      if (m.isEmpty()) {
        return null;
      }
      for (DirEntry e : m.get().entries()) {
        Optional<TableFormat> f = TableFormat.ofName(e.relpath());
        if (f.isPresent()) {
          Optional<TableProfile> p = profiles.get(e.md5(), f.get());
          if (p.isEmpty()) {
            return null;
          }
          parts.add(p.get());
        }
      }
    } else {
      Optional<TableFormat> f = TableFormat.ofName(o.path());
      Optional<TableProfile> p = f.isEmpty() ? Optional.empty() : profiles.get(o.oid(), f.get());
      if (p.isEmpty()) {
        return null;
      }
      parts.add(p.get());
    }
    if (parts.isEmpty()) {
      return null;
    }
    return new long[] {parts.stream().mapToLong(TableProfile::rows).sum(), parts.get(0).columns().size()};
  }
}
