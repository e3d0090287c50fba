package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.history.RecordedOutput;
import io.jdvc.pointer.Output;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.transfer.TransferReport;
import io.jdvc.workspace.TrackedOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetching the data of repository imports ({@code deps: - repo:}) for {@code fetch} and {@code pull}: from the
 * source repository at the recorded {@code rev_lock}, through its cache or default remote, verified. One report per
 * source repository.
 */
final class RepoImports {
  private RepoImports() {}

  static List<TransferResult.RemoteReport> fetch(Jdvc jdvc, List<TrackedOutput> imports, Integer jobs)
      throws IOException {
    Map<String, List<TrackedOutput>> bySource = new LinkedHashMap<>();
    for (TrackedOutput o : imports) {
      ImportPointers.Source s = ImportPointers.sourceOf(o.pointer(), o.dvcPath());
      bySource.computeIfAbsent(s.url() + "\0" + s.revLock(), k -> new ArrayList<>()).add(o);
    }
    List<TransferResult.RemoteReport> reports = new ArrayList<>();
    for (List<TrackedOutput> group : bySource.values()) {
      ImportPointers.Source first = ImportPointers.sourceOf(group.get(0).pointer(), group.get(0).dvcPath());
      TransferReport report = TransferReport.empty();
      try (RepoSource source = RepoSource.open(first.url(), first.revLock(), jdvc.layout().clonesDir(), jdvc.root(),
          jdvc::notice)) {
        for (TrackedOutput o : group) {
          try {
            report = report.plus(fetchOne(jdvc, source, o, jobs == null ? 16 : jdvc.capJobs(jobs)));
          } catch (JdvcException e) {
            report = report.plus(failed(List.of(o), e.getMessage()));
          }
        }
      } catch (JdvcException e) {
        report = report.plus(failed(group, e.getMessage()));
      }
      reports.add(new TransferResult.RemoteReport("import from " + first.url(), first.url(), report));
    }
    return reports;
  }

  /** Each of {@code outputs} failed for {@code reason}. */
  private static TransferReport failed(List<TrackedOutput> outputs, String reason) {
    List<TransferReport.Failure> failures = new ArrayList<>();
    for (TrackedOutput o : outputs) {
      failures.add(new TransferReport.Failure(new ObjectRef(o.output().md5(), o.repoPath(), o.dvcPath()), reason,
          false));
    }
    return new TransferReport(0, 0, 0, failures, Duration.ZERO);
  }

  private static TransferReport fetchOne(Jdvc jdvc, RepoSource source, TrackedOutput o, int jobs)
      throws IOException {
    ImportPointers.Source dep = ImportPointers.sourceOf(o.pointer(), o.dvcPath());
    if (jdvc.workspace().isComplete(o.output().md5())) {
      return new TransferReport(0, 0, 1, List.of(), Duration.ZERO);
    }
    String name = RepoSource.normalize(dep.path());
    if (source.locate(name).isEmpty()) {
      java.util.Optional<io.jdvc.object.Oid> fromGit = source.gitFileInto(jdvc.cache(), name);
      if (fromGit.isPresent() && fromGit.get().equals(o.output().md5())) {
        return new TransferReport(1, jdvc.cache().size(fromGit.get()), 0, List.of(), Duration.ZERO);
      }
      throw source.notTracked(name);
    }
    RecordedOutput found = source.locate(name).get().output();
    String inner = source.locate(name).get().inner();
    TransferReport r = source.fetch(jdvc.cache(), found, rel -> inner == null
        || rel.equals(inner) || rel.startsWith(inner + "/"), jobs, jdvc.progressListener());
    if (r.ok() && inner != null) {
      Output rebuilt = ImportOperation.output(jdvc.cache(), o.output().path(), found, inner, false);
      if (!rebuilt.md5().equals(o.output().md5())) {
        return r.plus(failed(List.of(o), "the source holds other data at " + dep.revLock()));
      }
    }
    return r;
  }
}
