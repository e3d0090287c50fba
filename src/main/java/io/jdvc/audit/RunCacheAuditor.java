package io.jdvc.audit;

import io.jdvc.cache.LocalCache;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.RunCache;
import io.jdvc.pointer.CorruptDvcFileException;
import io.jdvc.remote.AgreeingReads;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds every run-cache entry in the cache and on the remotes and checks each copy's file: it must parse as DVC's
 * run cache reads it, and recomputing {@link RunCache#key} and {@link RunCache#value} from what it says must give
 * its directory and its name; anything else means the file was changed after it was filed, and is corrupt.
 *
 * <p>The cache's copy is always read (it is local). A remote's copy is downloaded when the cache holds no sound one,
 * since without it the entry's outputs cannot be named, and with {@code deep}; otherwise the listing vouches for
 * its presence only. Nothing is deleted or repaired: an audit keeps the evidence.
 */
final class RunCacheAuditor {
  /** One entry's copies: their states per store, what was wrong, and the run a sound copy records. */
  record Checked(RunCache.Entry entry, Map<String, StoreState> states, List<String> problems, LockedStageEntry run) {}

  private final LocalCache cache;
  private final List<Remote> remotes;
  private final boolean deep;

  RunCacheAuditor(LocalCache cache, List<Remote> remotes, boolean deep) {
    this.cache = cache;
    this.remotes = remotes;
    this.deep = deep;
  }

  /** Every entry any store holds, sorted by path. */
  List<Checked> check(int jobs) throws IOException {
    RunCache runs = new RunCache(cache);
    Map<String, Set<String>> holders = new TreeMap<>();
    for (RunCache.Entry e : runs.list()) {
      holders.computeIfAbsent(e.relativePath(), k -> new TreeSet<>()).add(Auditor.CACHE);
    }
    for (Remote r : remotes) {
      r.listRunCache(path -> holders.computeIfAbsent(path, k -> new TreeSet<>()).add(r.name()));
    }
    List<Checked> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> h : holders.entrySet()) {
      RunCache.Entry entry = RunCache.Entry.ofRelativePath(h.getKey()).orElseThrow();
      Map<String, StoreState> states = new ConcurrentHashMap<>();
      List<String> problems = Collections.synchronizedList(new ArrayList<>());
      LockedStageEntry run = null;
      if (h.getValue().contains(Auditor.CACHE)) {
        run = verify(entry, readCached(runs, entry), Auditor.CACHE, states, problems);
      } else {
        states.put(Auditor.CACHE, StoreState.MISSING);
      }
      for (Remote r : remotes) {
        states.put(r.name(), h.getValue().contains(r.name()) ? StoreState.PRESENT : StoreState.MISSING);
      }
      out.add(new Checked(entry, states, problems, run));
    }
    for (Remote r : remotes) {
      List<Checked> toRead = out.stream()
          .filter(c -> c.states().get(r.name()) == StoreState.PRESENT && (deep || c.run() == null)).toList();
      Map<RunCache.Entry, LockedStageEntry> read = new ConcurrentHashMap<>();
      BoundedExecutor.forEach(toRead, jobs > 0 ? jobs : Math.max(1, r.defaultJobs()), c -> {
        byte[] bytes = settled(r, c.entry());
        LockedStageEntry run = bytes == null ? null : verify(c.entry(), bytes, r.name(), c.states(), c.problems());
        if (bytes == null) {
          c.states().put(r.name(), StoreState.MISSING); // deleted since it was listed
        }
        if (run != null) {
          read.put(c.entry(), run);
        }
      });
      out.replaceAll(c -> c.run() == null && read.containsKey(c.entry())
          ? new Checked(c.entry(), c.states(), c.problems(), read.get(c.entry())) : c);
    }
    return out;
  }

  private static byte[] readCached(RunCache runs, RunCache.Entry entry) throws IOException {
    try {
      return Files.readAllBytes(runs.path(entry));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * A remote entry's bytes, or null if absent: a sound read, or a wrong one an earlier read agreed with byte for byte
   * ({@link AgreeingReads}, as for objects): a byte damaged on the way differs from read to read.
   */
  private static byte[] settled(Remote remote, RunCache.Entry entry) throws IOException {
    try {
      return AgreeingReads.runCacheFile(remote, entry.relativePath(), InputStream::readAllBytes,
          bytes -> judge(entry, bytes, remote.name()).found().isEmpty() ? null : ByteBuffer.wrap(bytes)).read();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** What is wrong with one copy of an entry (nothing if sound), and what it records. */
  private record Verdict(List<String> found, LockedStageEntry run) {}

  /** Records the copy's state in {@code store}; returns what it records if it is sound. */
  private static LockedStageEntry verify(RunCache.Entry entry, byte[] bytes, String store,
      Map<String, StoreState> states, List<String> problems) {
    if (bytes == null) {
      states.put(store, StoreState.MISSING);
      return null;
    }
    Verdict v = judge(entry, bytes, store);
    problems.addAll(v.found());
    states.put(store, v.found().isEmpty() ? StoreState.VERIFIED : StoreState.CORRUPT);
    return v.found().isEmpty() ? v.run() : null;
  }

  private static Verdict judge(RunCache.Entry entry, byte[] bytes, String store) {
    List<String> found = new ArrayList<>();
    LockedStageEntry run = null;
    try {
      run = RunCache.parse(entry, bytes);
      String key = RunCache.key(run);
      String value = RunCache.value(run);
      if (!key.equals(entry.key())) {
        found.add(store + ": its command, dependencies and params hash to key " + key + ", not to its directory");
      }
      if (!value.equals(entry.value())) {
        found.add(store + ": its content hashes to " + value + ", not to its name");
      }
    } catch (CorruptDvcFileException | IllegalArgumentException e) {
      found.add(store + ": not a run-cache entry: " + e.getMessage());
    }
    return new Verdict(found, run);
  }
}
