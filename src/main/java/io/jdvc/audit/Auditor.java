package io.jdvc.audit;

import io.jdvc.cache.LocalCache;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.git.GitRepo;
import io.jdvc.git.PointerHistory;
import io.jdvc.git.RevisionRef;
import io.jdvc.hash.FileHasher;
import io.jdvc.history.ManifestStore;
import io.jdvc.history.RecordedOutput;
import io.jdvc.history.RevisionScanner;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.ObjectInfo;
import io.jdvc.object.Oid;
import io.jdvc.remote.AgreeingReads;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Audits revisions: lists every object their pointers reference (directories expanded through their manifests,
 * which are fetched into the cache when missing there: they are small, and without them no file can be named), then
 * checks each distinct object once per store.
 *
 * <p>Without {@code deep}, nothing but manifests is downloaded: remotes answer a HEAD per object, which gives
 * presence and, for a single-part S3 object, an ETag that is the MD5 of its bytes and is compared with the oid; the
 * cache is checked for presence. With {@code deep}, every object is streamed from every store and re-hashed (MD5, and
 * SHA-256 against the record), in parallel with memory bounded by one buffer per worker.
 *
 * <p>Missing-ness is judged on the remotes audited or, with none, on the cache, since a CI machine auditing a
 * release against its remote usually has an empty cache. Corruption counts in any store. Not thread-safe.
 */
public final class Auditor {
  /** The name the local cache goes by in findings. */
  public static final String CACHE = "cache";

  private final GitRepo git;
  private final LocalCache cache;
  private final List<Remote> remotes;
  private boolean deep;
  private int jobs;
  private boolean runCache;

  /** @param remotes the remotes to audit (and to fetch missing manifests from), in report order */
  public Auditor(GitRepo git, LocalCache cache, List<Remote> remotes) {
    this.git = git;
    this.cache = cache;
    this.remotes = List.copyOf(remotes);
  }

  /** Stream and re-hash every object in every store. */
  public Auditor deep(boolean value) {
    this.deep = value;
    return this;
  }

  /** Parallel checks per store; 0 means the remote's default (cores for the cache). */
  public Auditor jobs(int value) {
    this.jobs = value;
    return this;
  }

  /** Also audit every run-cache entry in the cache and on the remotes, and the objects its outputs name. */
  public Auditor runCache(boolean value) {
    this.runCache = value;
    return this;
  }

  public AuditReport audit(List<RevisionRef> revisions) throws IOException {
    RevisionScanner scanner = new RevisionScanner(git);
    ManifestStore manifests = new ManifestStore(cache, remotes);
    PointerHistory history = new PointerHistory(git);
    Sha256Record record = Sha256Record.empty();
    // A record committed after a tag still vouches for that tag's objects: it is as trustworthy as HEAD's commit.
    try {
      git.readFile("HEAD", Sha256Record.PATH).ifPresent(b -> record.putAll(Sha256Record.parse(b)));
    } catch (io.jdvc.JdvcException e) {
      // no commits yet: nothing recorded
    }
    Map<Oid, List<Oid>> expansions = new HashMap<>();
    Set<Oid> all = new TreeSet<>();
    List<List<Pending>> perRevision = new ArrayList<>();
    for (RevisionRef rev : revisions) {
      git.readFile(rev.commitId(), Sha256Record.PATH).ifPresent(b -> record.putAll(Sha256Record.parse(b)));
      List<Pending> outs = new ArrayList<>();
      Map<String, RevisionRef> lastChanges = new HashMap<>();
      for (RecordedOutput o : scanner.outputsAt(rev.commitId())) {
        RevisionRef last = lastChanges.computeIfAbsent(o.pointerPath(),
            p -> history.lastChange(rev.commitId(), p).orElse(null));
        List<Oid> objects = List.of();
        boolean expanded = true;
        if (o.hasData()) {
          objects = o.oid().isDir() ? expand(o.oid(), manifests, expansions) : List.of(o.oid());
          expanded = objects != null;
          if (objects == null) {
            objects = List.of(o.oid());
          }
          all.addAll(objects);
        }
        outs.add(new Pending(o, last, objects, expanded));
      }
      perRevision.add(outs);
    }
    List<RunCacheAuditor.Checked> runs = runCache ? new RunCacheAuditor(cache, remotes, deep).check(jobs) : List.of();
    Map<RunCacheAuditor.Checked, List<Oid>> runObjects = new java.util.IdentityHashMap<>();
    for (RunCacheAuditor.Checked c : runs) {
      if (c.run() != null) {
        List<Oid> objects = new ArrayList<>();
        for (io.jdvc.pipeline.LockEntry out : c.run().outs()) {
          if (out.md5() == null) {
            continue;
          }
          List<Oid> expanded = out.md5().isDir() ? expand(out.md5(), manifests, expansions) : List.of(out.md5());
          if (expanded == null) {
            objects = null;
            break;
          }
          objects.addAll(expanded);
        }
        runObjects.put(c, objects);
        if (objects != null) {
          all.addAll(objects);
        }
      }
    }

    Map<Oid, Map<String, StoreState>> states = new ConcurrentHashMap<>();
    Map<Oid, List<String>> problems = new ConcurrentHashMap<>();
    for (Oid oid : all) {
      states.put(oid, new ConcurrentHashMap<>());
    }
    checkCache(all, record, states, problems);
    Set<Oid> importOnly = importOnly(perRevision);
    for (Remote r : remotes) {
      checkRemote(r, all, record, states, problems);
      for (Oid oid : importOnly) {
        states.get(oid).replace(r.name(), StoreState.MISSING, StoreState.IMPORTED);
      }
    }
    // a manifest downloaded for expansion and found damaged is corrupt on that remote, whatever its listing says
    for (Oid oid : all) {
      manifests.corruptCopies(oid).forEach((store, actual) -> {
        if (states.get(oid).put(store, StoreState.CORRUPT) != StoreState.CORRUPT) {
          problem(problems, oid, store + ": content hashes to " + actual.value());
        }
      });
    }
    Map<Oid, ObjectFinding> findings = new LinkedHashMap<>();
    for (Oid oid : all) {
      findings.put(oid, new ObjectFinding(oid, states.get(oid), problems.getOrDefault(oid, List.of())));
    }

    List<String> stores = new ArrayList<>();
    stores.add(CACHE);
    remotes.forEach(r -> stores.add(r.name()));
    List<String> judged = remotes.isEmpty() ? List.of(CACHE) : stores.subList(1, stores.size());
    List<RevisionAudit> audits = new ArrayList<>();
    for (int i = 0; i < revisions.size(); i++) {
      List<OutputAudit> outs = new ArrayList<>();
      for (Pending p : perRevision.get(i)) {
        List<Oid> missing = new ArrayList<>();
        List<Oid> corrupt = new ArrayList<>();
        for (Oid oid : new TreeSet<>(p.objects)) {
          ObjectFinding f = findings.get(oid);
          if (judged.stream().anyMatch(s -> f.state(s) == StoreState.MISSING)) {
            missing.add(oid);
          }
          if (f.corruptAnywhere()) {
            corrupt.add(oid);
          }
        }
        outs.add(new OutputAudit(p.output, p.lastChange, p.output.hasData() ? p.objects.size() : 0, p.expanded,
            missing, corrupt));
      }
      audits.add(new RevisionAudit(revisions.get(i), outs));
    }
    int recorded = (int) all.stream().filter(record::contains).count();
    RunCacheAudit runAudit = runCache ? runCacheAudit(runs, runObjects, findings, judged) : null;
    return new AuditReport(List.copyOf(stores), List.copyOf(judged), deep, audits, findings, recorded, runAudit);
  }

  /**
   * Each entry must be on every judged store, and every object it names must be wherever the entry is (a store
   * holding an entry without its outputs cannot restore that run) and on every judged store.
   */
  private static RunCacheAudit runCacheAudit(List<RunCacheAuditor.Checked> runs,
      Map<RunCacheAuditor.Checked, List<Oid>> runObjects, Map<Oid, ObjectFinding> findings, List<String> judged) {
    List<RunEntryAudit> entries = new ArrayList<>();
    for (RunCacheAuditor.Checked c : runs) {
      List<String> missingFrom = judged.stream().filter(s -> c.states().get(s) == StoreState.MISSING).toList();
      Set<String> holders = new TreeSet<>(judged);
      c.states().forEach((store, state) -> {
        if (state != StoreState.MISSING) {
          holders.add(store);
        }
      });
      List<Oid> objects = runObjects.getOrDefault(c, List.of());
      boolean expanded = c.run() == null || runObjects.get(c) != null;
      Set<Oid> missing = new TreeSet<>();
      Set<Oid> corrupt = new TreeSet<>();
      for (Oid oid : objects == null ? List.<Oid>of() : objects) {
        ObjectFinding f = findings.get(oid);
        if (holders.stream().anyMatch(s -> f.state(s) == StoreState.MISSING)) {
          missing.add(oid);
        }
        if (f.corruptAnywhere()) {
          corrupt.add(oid);
        }
      }
      entries.add(new RunEntryAudit(c.entry(), c.states(), c.problems(), c.run(),
          objects == null ? 0 : new TreeSet<>(objects).size(), expanded, missingFrom, List.copyOf(missing),
          List.copyOf(corrupt)));
    }
    return new RunCacheAudit(entries);
  }

  /** Objects that only repository imports use: never on this project's remotes, as in DVC. */
  private static Set<Oid> importOnly(List<List<Pending>> perRevision) {
    Set<Oid> imported = new java.util.HashSet<>();
    Set<Oid> own = new java.util.HashSet<>();
    for (List<Pending> outs : perRevision) {
      for (Pending p : outs) {
        (p.output.importedFrom() != null ? imported : own).addAll(p.objects);
      }
    }
    imported.removeAll(own);
    return imported;
  }

  /** The .dir and its files, or null if the manifest is nowhere to be found. */
  private static List<Oid> expand(Oid dir, ManifestStore manifests, Map<Oid, List<Oid>> memo) throws IOException {
    if (memo.containsKey(dir)) {
      return memo.get(dir);
    }
    Optional<DirManifest> m = manifests.load(dir);
    List<Oid> objects = null;
    if (m.isPresent()) {
      objects = new ArrayList<>(m.get().count() + 1);
      objects.add(dir);
      for (DirEntry e : m.get().entries()) {
        objects.add(e.md5());
      }
    }
    memo.put(dir, objects);
    return objects;
  }

  private void checkCache(Set<Oid> oids, Sha256Record record, Map<Oid, Map<String, StoreState>> states,
      Map<Oid, List<String>> problems) {
    int threads = deep ? (jobs > 0 ? jobs : BoundedExecutor.cpuThreads()) : 1;
    BoundedExecutor.forEach(oids, threads, oid -> {
      StoreState s;
      if (!deep) {
        s = cache.contains(oid) ? StoreState.PRESENT : StoreState.MISSING;
      } else {
        try (InputStream in = Files.newInputStream(cache.pathOf(oid))) {
          Hashed h = rehash(oid, in, record, CACHE);
          s = h.problem() == null ? StoreState.VERIFIED : StoreState.CORRUPT;
          if (h.problem() != null) {
            problem(problems, oid, h.problem());
          }
        } catch (NoSuchFileException e) {
          s = StoreState.MISSING;
        }
      }
      states.get(oid).put(CACHE, s);
    });
  }

  private void checkRemote(Remote remote, Set<Oid> oids, Sha256Record record,
      Map<Oid, Map<String, StoreState>> states, Map<Oid, List<String>> problems) throws IOException {
    if (!deep) {
      // one batched question: listings where the remote can list, with sizes and ETags, instead of a HEAD each
      Map<Oid, ObjectInfo> infos = remote.statAll(oids);
      for (Oid oid : oids) {
        ObjectInfo info = infos.get(oid);
        states.get(oid).put(remote.name(), info == null ? StoreState.MISSING
            : etagState(oid, info, remote.name(), problems));
      }
      return;
    }
    int threads = jobs > 0 ? jobs : Math.max(1, remote.defaultJobs());
    BoundedExecutor.forEach(oids, threads, oid -> {
      StoreState s;
      try {
        // corrupt only when two complete reads agree on the wrong content; reads that never agree fail the audit
        AgreeingReads.Settled<Hashed> read = AgreeingReads.object(remote, oid,
            in -> rehash(oid, in, record, remote.name()),
            h -> h.problem() == null ? null : h.md5() + " " + h.sha256());
        s = read.corrupt() ? StoreState.CORRUPT : StoreState.VERIFIED;
        if (read.corrupt()) {
          problem(problems, oid, read.read().problem());
        }
      } catch (ObjectNotFoundException e) {
        s = StoreState.MISSING;
      }
      states.get(oid).put(remote.name(), s);
    });
  }

  /** A store-vouched MD5 proves integrity for 3.x oids; for a legacy (dos2unix) oid only a match proves anything. */
  private static StoreState etagState(Oid oid, ObjectInfo info, String store, Map<Oid, List<String>> problems) {
    if (!info.hasMd5()) {
      return StoreState.PRESENT;
    }
    if (info.md5().equals(oid.md5())) {
      return StoreState.VERIFIED;
    }
    if (oid.legacy()) {
      return StoreState.PRESENT;
    }
    problem(problems, oid, store + ": ETag MD5 " + info.md5() + " differs from the oid");
    return StoreState.CORRUPT;
  }

  /** What one read of a copy hashed to, and what is wrong with it (null if nothing). */
  private record Hashed(String md5, String sha256, String problem) {}

  private static Hashed rehash(Oid oid, InputStream in, Sha256Record record, String store) throws IOException {
    MessageDigest sha = sha256();
    Oid actual;
    try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      actual = FileHasher.hash(in, oid.legacy(), sink);
    }
    String sha256 = HexFormat.of().formatHex(sha.digest());
    if (!actual.value().equals(oid.md5())) {
      return new Hashed(actual.value(), sha256, store + ": content hashes to " + actual.value());
    }
    Set<String> expected = record.get(oid);
    if (!expected.isEmpty() && !expected.equals(Set.of(sha256))) {
      return new Hashed(actual.value(), sha256, store + ": SHA-256 " + sha256 + " differs from the record ("
          + String.join(", ", expected) + ")");
    }
    return new Hashed(actual.value(), sha256, null);
  }

  private static void problem(Map<Oid, List<String>> problems, Oid oid, String text) {
    problems.computeIfAbsent(oid, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(text);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
  }

  private record Pending(RecordedOutput output, RevisionRef lastChange, List<Oid> objects, boolean expanded) {}
}
