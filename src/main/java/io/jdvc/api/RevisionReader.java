package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.cache.LocalCache;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.history.RevisionScope;
import io.jdvc.metrics.CachedObjects;
import io.jdvc.metrics.RevisionFiles;
import io.jdvc.metrics.RevisionPipelines;
import io.jdvc.object.Oid;
import io.jdvc.pipeline.PipelineFileLoader;
import io.jdvc.pipeline.Stage;
import io.jdvc.workspace.Workspace;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens revisions for the params, metrics and plots commands: {@code workspace} is the work tree, anything else a
 * Git revision read without checkout. Cached outputs come from the local cache, and with {@code pull} from the
 * default remote into the cache when missing. Closes the remote it opened.
 */
final class RevisionReader implements AutoCloseable {
  private final Jdvc jdvc;
  private final boolean pull;
  private Optional<Remote> remote;

  RevisionReader(Jdvc jdvc, boolean pull) {
    this.jdvc = jdvc;
    this.pull = pull;
  }

  RevisionPipelines open(String rev) {
    if (rev.equals(RevisionFiles.WORKSPACE)) {
      return new RevisionPipelines(RevisionFiles.workTree(jdvc.root(), this::workspacePipelineFiles), this::object);
    }
    GitRepo git = jdvc.requireGit("at revision " + rev);
    return new RevisionPipelines(RevisionFiles.commit(git, rev, rev), this::object);
  }

  /** Whether the Git repository has a commit (DVC's params and metrics diffs are empty without one). */
  boolean hasCommits() {
    Optional<GitRepo> git = jdvc.git();
    if (git.isEmpty()) {
      return false;
    }
    try {
      git.get().head();
      return true;
    } catch (JdvcException e) {
      return false;
    }
  }

  /** A Git revision to read, and how output names it. */
  record NamedRevision(String label, String commitId) {}

  /**
   * The commits of a scope, each once, named as DVC's brancher names them: every name the commit was reached
   * through (the revisions as given, then branch and tag names; a commit id under {@code -A}), joined with
   * {@code ,}, in the order of first appearance.
   */
  List<NamedRevision> revisions(RevisionScope scope) {
    List<NamedRevision> out = new ArrayList<>();
    if (scope.isEmpty()) {
      return out;
    }
    GitRepo git = jdvc.requireGit("metrics show");
    Map<String, List<String>> namesByCommit = new LinkedHashMap<>();
    for (String rev : scope.revs()) {
      if (!rev.equals(RevisionFiles.WORKSPACE)) { // the workspace is always shown, first
        addName(namesByCommit, git.resolve(rev), rev);
      }
    }
    List<RevisionRef> refs = new ArrayList<>();
    if (scope.allCommits()) { // as DVC: all commits by id; -a and -T add nothing to them
      refs.addAll(git.allCommits());
    } else {
      refs.addAll(scope.allBranches() ? git.branches() : List.of());
      refs.addAll(scope.allTags() ? git.tags() : List.of());
    }
    refs.forEach(r -> addName(namesByCommit, r.commitId(), r.name() != null ? r.name() : r.commitId()));
    namesByCommit.forEach((id, names) -> out.add(new NamedRevision(String.join(",", names), id)));
    return out;
  }

  private static void addName(Map<String, List<String>> namesByCommit, String commitId, String name) {
    List<String> names = namesByCommit.computeIfAbsent(commitId, k -> new ArrayList<>());
    if (!names.contains(name)) {
      names.add(name);
    }
  }

  /** A Git revision read without checkout, named {@code label} in output. */
  RevisionPipelines open(NamedRevision rev) {
    GitRepo git = jdvc.requireGit("at revision " + rev.label());
    return new RevisionPipelines(RevisionFiles.commit(git, rev.commitId(), rev.label()), this::object);
  }

  /** The current branch's name, or null when HEAD is detached or there is no commit. */
  String activeBranch() {
    try {
      return hasCommits() ? jdvc.git().get().head().name() : null;
    } catch (JdvcException e) {
      return null;
    }
  }

  /**
   * The work tree's {@code dvc.yaml} files, found by the walk every data command uses: it skips {@code .git},
   * {@code .dvc}, ignored paths and tracked data directories, so a large dataset is never listed.
   */
  private List<String> workspacePipelineFiles() {
    Workspace ws = jdvc.workspace();
    PipelineFileLoader loader = new PipelineFileLoader();
    List<String> found = new ArrayList<>();
    try {
      ws.collect(yaml -> {
        String rel = ws.relative(yaml);
        found.add(rel);
        List<Path> declared = new ArrayList<>();
        for (Stage s : loader.load(ws.root(), rel).stages()) {
          s.outs().forEach(o -> declared.add(ws.root().resolve(s.repoPath(o.path())).normalize()));
        }
        return declared;
      }, lock -> {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(null);
    return found;
  }

  private byte[] object(Oid oid) throws IOException {
    LocalCache cache = jdvc.cache();
    Path path = cache.pathOf(oid);
    if (Files.isRegularFile(path)) {
      return Files.readAllBytes(path);
    }
    if (!pull) {
      return null;
    }
    if (remote == null) {
      remote = jdvc.openDefaultRemote();
    }
    if (remote.isEmpty()) {
      throw new JdvcException("--pull needs a remote, and none is configured",
          "add one with 'jdvc remote add -d NAME URL'");
    }
    try (InputStream in = remote.get().open(oid)) {
      cache.insertStream(oid, in, remote.get().name());
    } catch (ObjectNotFoundException e) {
      return null;
    }
    return Files.readAllBytes(path);
  }

  @Override
  public void close() {
    if (remote != null && remote.isPresent()) {
      remote.get().close();
    }
  }
}
