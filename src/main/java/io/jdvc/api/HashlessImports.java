package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.history.RecordedOutput;
import io.jdvc.object.Oid;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import io.jdvc.pointer.PlainScalar;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.transfer.TransferReport;
import io.jdvc.workspace.TrackedOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports whose output records no hash yet: {@code dvc import --no-download} and {@code import-url --no-download}
 * write them so (and so does jdvc). {@code fetch} and {@code pull} bring their data from where the dep points, as
 * DVC's pull does: a repository import from its source at {@code rev_lock}, a URL import from its URL (refused if it
 * no longer matches the checksum its dep records). The {@code .dvc} file is left as it is, as DVC leaves it.
 */
final class HashlessImports {
  private HashlessImports() {}

  /**
   * What was resolved: each output with the hash its data has (the data is in the cache), and one report per
   * source.
   */
  record Resolved(List<TrackedOutput> outputs, List<TransferResult.RemoteReport> reports) {}

  /** The workspace's imports among {@code targets} whose output has no hash. */
  static List<TrackedOutput> select(Jdvc jdvc, List<java.nio.file.Path> targets) throws IOException {
    return Targets.select(jdvc.index(), targets, jdvc, true).stream()
        .filter(o -> o.output().md5() == null && o.output().usesCache() && (o.isRepoImport() || isUrlImport(o)))
        .toList();
  }

  /** DVC's {@code is_import} without a {@code repo:} dep: {@code import-url}'s one dep, one out, no command. */
  static boolean isUrlImport(TrackedOutput o) {
    DvcFile p = o.pointer();
    return !o.isStageOutput() && p.deps() != null && p.deps().size() == 1 && p.outs().size() == 1
        && p.deps().get(0) instanceof Map<?, ?> dep && dep.get("path") != null && !dep.containsKey("repo");
  }

  static Resolved resolve(Jdvc jdvc, List<TrackedOutput> hashless, Integer jobs) {
    List<TrackedOutput> resolved = new ArrayList<>();
    List<TransferResult.RemoteReport> reports = new ArrayList<>();
    int n = jobs == null ? 16 : jdvc.capJobs(jobs);
    for (TrackedOutput o : hashless) {
      String from = o.isRepoImport() ? ImportPointers.sourceOf(o.pointer(), o.dvcPath()).url() : urlOf(o);
      TransferReport report;
      try {
        Resolution r = o.isRepoImport() ? fromRepository(jdvc, o, n) : fromUrl(jdvc, o);
        report = r.report();
        if (r.output() != null) {
          resolved.add(new TrackedOutput(o.dvcFile(), o.pointer(), o.index(), r.output(), o.path(), o.repoPath(),
              o.dvcPath(), o.stage()));
        }
      } catch (JdvcException | IOException e) {
        report = new TransferReport(0, 0, 0, List.of(new TransferReport.Failure(new ObjectRef(null, o.repoPath(),
            o.dvcPath()), e.getMessage(), false)), Duration.ZERO);
      }
      reports.add(new TransferResult.RemoteReport((o.isRepoImport() ? "import from " : "import-url ") + from, from,
          report));
    }
    return new Resolved(resolved, reports);
  }

  /** The output with its data's hash (null if the data could not be fetched), and what the fetch did. */
  private record Resolution(Output output, TransferReport report) {}

  private static Resolution fromRepository(Jdvc jdvc, TrackedOutput o, int jobs) throws IOException {
    ImportPointers.Source dep = ImportPointers.sourceOf(o.pointer(), o.dvcPath());
    if (dep.revLock() == null) {
      throw new JdvcException("'" + o.dvcPath() + "' records no rev_lock", "run 'jdvc update " + o.dvcPath() + "'");
    }
    try (RepoSource source = RepoSource.open(dep.url(), dep.revLock(), jdvc.layout().clonesDir(), jdvc.root(),
        jdvc::notice)) {
      String name = RepoSource.normalize(dep.path());
      Optional<RepoSource.Located> found = source.locate(name);
      if (found.isEmpty()) {
        Oid oid = source.gitFileInto(jdvc.cache(), name).orElseThrow(() -> source.notTracked(name));
        long size = jdvc.cache().size(oid);
        return new Resolution(content(o, oid, size, null), new TransferReport(1, size, 0, List.of(), Duration.ZERO));
      }
      RecordedOutput out = found.get().output();
      String inner = found.get().inner();
      if (out.oid() == null || !out.cached()) {
        throw new JdvcException("'" + name + "' has no data in " + dep.url() + " (it is not cached there)", null);
      }
      TransferReport r = source.fetch(jdvc.cache(), out, rel -> inner == null || rel.equals(inner)
          || rel.startsWith(inner + "/"), jobs, jdvc.progressListener());
      if (!r.ok()) {
        return new Resolution(null, r);
      }
      Output made = ImportOperation.output(jdvc.cache(), o.output().path(), out, inner, false);
      return new Resolution(content(o, made.md5(), made.size(), made.nfiles()), r);
    }
  }

  private static Resolution fromUrl(Jdvc jdvc, TrackedOutput o) throws IOException {
    Map<?, ?> recorded = (Map<?, ?>) o.pointer().deps().get(0);
    String url = urlOf(o);
    UrlImports.Fetched f = UrlImports.fetch(url, o.dvcFile().getParent(), jdvc.cache(), jdvc.progressListener());
    for (Map.Entry<String, Object> e : f.dep().entrySet()) {
      String key = e.getKey();
      Object had = recorded.get(key);
      if (!key.equals("path") && !key.equals("hash") && had != null && !text(had).equals(String.valueOf(e.getValue()))) {
        throw new JdvcException(url + " changed since it was imported (its " + key + " is " + e.getValue() + ", "
            + o.dvcPath() + " records " + text(had) + "); take the new version with 'jdvc update " + o.dvcPath()
            + "'", "nothing was checked out");
      }
    }
    return new Resolution(content(o, f.oid(), f.size(), null), new TransferReport(1, f.size(), 0, List.of(),
        Duration.ZERO));
  }

  private static Output content(TrackedOutput o, Oid oid, Long size, Long nfiles) {
    return o.output().withContent(oid, size, nfiles, o.output().isexec());
  }

  private static String urlOf(TrackedOutput o) {
    return text(((Map<?, ?>) o.pointer().deps().get(0)).get("path"));
  }

  private static String text(Object v) {
    return v == null ? null : v instanceof PlainScalar p ? p.text() : String.valueOf(v);
  }
}
