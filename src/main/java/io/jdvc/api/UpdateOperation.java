package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.pointer.DvcFile;
import io.jdvc.repo.RepoLayout;
import io.jdvc.repo.RepoLock;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc update TARGET...}: moves repository imports to the newest commit of their source's branch (or to
 * {@code --rev}), rewriting {@code rev_lock}, the data and the stage md5 as DVC does. The source's clone under
 * {@code .dvc/tmp} is fetched, not cloned again.
 */
public final class UpdateOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();
  private String rev;
  private boolean noDownload;
  private int jobs = 16;

  UpdateOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** Import {@code .dvc} files, or the outputs they track. */
  public UpdateOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  /** Move to this branch, tag or commit of the source (it is recorded as {@code rev}). */
  public UpdateOperation rev(String value) {
    this.rev = value;
    return this;
  }

  public UpdateOperation noDownload(boolean value) {
    this.noDownload = value;
    return this;
  }

  public UpdateOperation jobs(int value) {
    this.jobs = value;
    return this;
  }

  public List<ImportOperation.Result> call() throws IOException {
    if (targets.isEmpty()) {
      throw new JdvcException("nothing to update", "name the import's .dvc file: jdvc update data.xml.dvc");
    }
    List<ImportOperation.Result> results = new ArrayList<>();
    try (var lock = jdvc.lock()) {
      for (Path t : targets) {
        results.add(updateOne(jdvc.resolve(t)));
      }
    }
    return results;
  }

  private ImportOperation.Result updateOne(Path target) throws IOException {
    Path dvcFile = target.getFileName().toString().endsWith(RepoLayout.DVCFILE_SUFFIX) ? target
        : Pointers.dvcFileFor(target);
    String shown = jdvc.workspace().relative(dvcFile);
    DvcFile pointer;
    try {
      pointer = Pointers.CODEC.read(dvcFile);
    } catch (NoSuchFileException e) {
      throw new JdvcException("'" + shown + "' does not exist", "name the .dvc file of an import");
    }
    if (pointer.repoImportUrl() == null) {
      return updateUrlImport(dvcFile, pointer, shown);
    }
    ImportPointers.Source was = ImportPointers.sourceOf(pointer, shown);
    String newRev = rev != null ? rev : was.rev();
    try (RepoSource source = RepoSource.open(was.url(), newRev, jdvc.layout().clonesDir(), jdvc.root(),
        jdvc::notice)) {
      Path out = dvcFile.getParent().resolve(pointer.outs().get(0).path()).normalize();
      ImportPointers.Source now = new ImportPointers.Source(was.path(), was.url(), newRev, source.commitId());
      return ImportOperation.materialize(jdvc, source, now, out, pointer, noDownload, false, jobs);
    }
  }

  /**
   * An import-url: re-checks the source's checksum (the md5 of a local file, the ETag of an HTTP one) as DVC does,
   * and downloads only when it changed.
   */
  private ImportOperation.Result updateUrlImport(Path dvcFile, DvcFile pointer, String shown) throws IOException {
    if (!pointer.frozen() || pointer.deps() == null || pointer.deps().size() != 1 || pointer.outs().size() != 1
        || !(pointer.deps().get(0) instanceof java.util.Map<?, ?> dep) || dep.get("path") == null) {
      throw new JdvcException("'" + shown + "' is not an import", "update works on .dvc files written by "
          + "'jdvc import', 'jdvc import-url' or their DVC counterparts");
    }
    if (rev != null) {
      throw new JdvcException("--rev applies to imports from a Git repository, not '" + shown + "'",
          "run 'jdvc update " + shown + "' without --rev");
    }
    String url = text(dep.get("path"));
    Path out = dvcFile.getParent().resolve(pointer.outs().get(0).path()).normalize();
    java.util.Map<String, Object> now = UrlImports.probe(url, dvcFile.getParent(), jdvc.cache());
    boolean same = now.keySet().stream().filter(k -> !k.equals("hash") && !k.equals("path"))
        .allMatch(k -> String.valueOf(now.get(k)).equals(text(dep.get(k)))) && now.size() > 2;
    io.jdvc.object.Oid had = pointer.outs().get(0).md5();
    if (same && (noDownload || had != null && jdvc.workspace().isComplete(had))) {
      return new ImportOperation.Result(jdvc.workspace().relative(out), shown, url, null,
          pointer.outs().get(0).md5(), false, !noDownload, List.of());
    }
    return ImportUrlOperation.write(jdvc, url, out, pointer, noDownload, false);
  }

  private static String text(Object v) {
    return v == null ? null : v instanceof io.jdvc.pointer.PlainScalar p ? p.text() : String.valueOf(v);
  }
}
