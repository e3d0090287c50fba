package io.jdvc.api;

import io.jdvc.audit.AuditReport;
import io.jdvc.audit.Auditor;
import io.jdvc.git.GitRepo;
import io.jdvc.git.RevisionRef;
import io.jdvc.history.RevisionScope;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc audit}: for each revision, every output of every pointer expanded to every object, checked in the
 * local cache and on the remotes without downloading data (or, with {@link #deep}, by streaming and re-hashing it).
 * With no revision and no scope flag, audits HEAD. With no remote named, audits the default remote if one is
 * configured. Reads only; takes no lock, since it changes nothing but adding missing manifests to the cache.
 */
public final class AuditOperation {
  private final Jdvc jdvc;
  private List<String> revisions = List.of();
  private boolean allBranches;
  private boolean allTags;
  private boolean allCommits;
  private List<String> remotes = List.of();
  private boolean deep;
  private int jobs;
  private boolean runCache;
  private boolean allRemotes;
  private final List<NamedRevision> named = new ArrayList<>();

  AuditOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public AuditOperation revisions(List<String> value) {
    this.revisions = List.copyOf(value);
    return this;
  }

  public AuditOperation allBranches(boolean value) {
    this.allBranches = value;
    return this;
  }

  public AuditOperation allTags(boolean value) {
    this.allTags = value;
    return this;
  }

  public AuditOperation allCommits(boolean value) {
    this.allCommits = value;
    return this;
  }

  /** Remote names to audit; empty means the default remote, if any. */
  public AuditOperation remotes(List<String> value) {
    this.remotes = List.copyOf(value);
    return this;
  }

  public AuditOperation deep(boolean value) {
    this.deep = value;
    return this;
  }

  /** Also audit the run cache: every entry in the cache and on the remotes, and the objects its outputs name. */
  public AuditOperation runCache(boolean value) {
    this.runCache = value;
    return this;
  }

  /** Audit every configured remote, not only the default one. */
  public AuditOperation allRemotes(boolean value) {
    this.allRemotes = value;
    return this;
  }

  /**
   * The revisions the user named that were experiment names or registry references, with what made them (set by
   * {@link #call}): the auditor's question, which data, params and stage produced the model, next to where its
   * bytes are.
   */
  public List<NamedLineage> lineages() {
    GitRepo git = jdvc.requireGit("audit");
    List<NamedLineage> out = new ArrayList<>();
    for (NamedRevision n : named) {
      if (n.kind() != NamedRevision.Kind.REVISION) {
        out.add(new NamedLineage(n, n.lineage(git)));
      }
    }
    return out;
  }

  /** A named revision and its lineage. */
  public record NamedLineage(NamedRevision revision, io.jdvc.registry.Lineage.Report report) {}

  public AuditOperation jobs(int value) {
    this.jobs = value;
    return this;
  }

  /**
   * Directories with a file the audit found missing on {@code store}: push's remote index must stop trusting
   * them there, as {@code status -c} and {@code fetch} make it do.
   */
  private static java.util.Set<io.jdvc.object.Oid> incompleteOn(AuditReport report, String store) {
    java.util.Set<io.jdvc.object.Oid> dirs = new java.util.LinkedHashSet<>();
    for (io.jdvc.audit.RevisionAudit revision : report.revisions()) {
      for (io.jdvc.audit.OutputAudit o : revision.outputs()) {
        io.jdvc.object.Oid dir = o.output().oid();
        if (dir != null && dir.isDir() && o.missing().stream().map(report.objects()::get)
            .anyMatch(f -> f != null && f.state(store) == io.jdvc.audit.StoreState.MISSING)) {
          dirs.add(dir);
        }
      }
    }
    return dirs;
  }

  private AuditReport audit(GitRepo git, List<RevisionRef> revs, List<Remote> opened) throws IOException {
    return new Auditor(git, jdvc.cache(), opened).deep(deep).jobs(jobs > 0 ? jdvc.capJobs(jobs) : 0)
        .runCache(runCache).audit(revs);
  }

  public AuditReport call() throws IOException {
    GitRepo git = jdvc.requireGit("audit");
    named.clear();
    List<RevisionRef> revs = new ArrayList<>();
    for (String spec : revisions) {
      NamedRevision n = NamedRevision.resolve(jdvc, spec);
      named.add(n);
      if (revs.stream().noneMatch(r -> r.commitId().equals(n.commit()))) {
        revs.add(n.revisionRef(git));
      }
    }
    RevisionScope scope = new RevisionScope(allBranches, allTags, allCommits, List.of(), 1);
    for (RevisionRef r : scope.isEmpty() ? List.<RevisionRef>of() : scope.resolve(git)) {
      if (revs.stream().noneMatch(x -> x.commitId().equals(r.commitId()))) {
        revs.add(r);
      }
    }
    if (revs.isEmpty()) {
      revs.add(git.head());
    }
    List<Remote> opened = new ArrayList<>();
    try {
      if (allRemotes) {
        for (String name : jdvc.config().remoteNames()) {
          opened.add(jdvc.openRemote(name));
        }
      } else if (remotes.isEmpty()) {
        jdvc.openDefaultRemote().ifPresent(opened::add);
      } else {
        for (String name : remotes) {
          opened.add(jdvc.openRemote(name));
        }
      }
      AuditReport report;
      try {
        report = audit(git, revs, opened);
      } catch (io.jdvc.remote.UnsupportedRemoteException | io.jdvc.remote.RemoteUnavailableException e) {
        if (!remotes.isEmpty() || allRemotes) {
          throw e; // a remote the user named must be audited
        }
        // the default remote, implied: audit what can be audited, and say what was not
        jdvc.notice(e.getMessage() + "; auditing the cache only (name a remote with -r to audit it)");
        opened.forEach(Remote::close);
        opened.clear();
        report = audit(git, revs, opened);
      }
      for (Remote remote : opened) {
        jdvc.forgetIncompleteDirectories(remote, incompleteOn(report, remote.name()));
      }
      return report;
    } finally {
      opened.forEach(Remote::close);
    }
  }
}
