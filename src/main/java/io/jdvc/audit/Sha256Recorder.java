package io.jdvc.audit;

import io.jdvc.cache.LocalCache;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.hash.FileHasher;
import io.jdvc.object.Oid;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adds cached objects to a {@link Sha256Record}. Each object is read once for both digests, and is recorded only if
 * its MD5 still matches its oid: recording the SHA-256 of already-corrupt bytes would certify the corruption.
 */
public final class Sha256Recorder {
  /**
   * @param added newly recorded objects
   * @param alreadyRecorded objects the record already held
   * @param notInCache objects that could not be recorded because the cache lacks them
   * @param corrupt cached objects whose bytes do not match their oid (not recorded)
   */
  public record Result(int added, int alreadyRecorded, int notInCache, List<Oid> corrupt) {}

  private final LocalCache cache;

  public Sha256Recorder(LocalCache cache) {
    this.cache = cache;
  }

  /** Records every 3.x oid of {@code oids} that {@code record} lacks; legacy oids are skipped. */
  public Result record(Collection<Oid> oids, Sha256Record record, int threads) {
    AtomicInteger added = new AtomicInteger();
    AtomicInteger already = new AtomicInteger();
    AtomicInteger absent = new AtomicInteger();
    List<Oid> corrupt = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    List<Oid> candidates = oids.stream().filter(o -> !o.legacy()).distinct().sorted().toList();
    // decided before the parallel part: the record is not thread-safe, and only puts below are synchronized
    List<Oid> todo = candidates.stream().filter(o -> !record.contains(o)).toList();
    already.set(candidates.size() - todo.size());
    BoundedExecutor.forEach(todo, threads, oid -> {
      MessageDigest sha = Auditor.sha256();
      Oid actual;
      try (InputStream in = Files.newInputStream(cache.pathOf(oid));
          OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
        actual = FileHasher.hash(in, false, sink);
      } catch (NoSuchFileException e) {
        absent.incrementAndGet();
        return;
      }
      if (!actual.value().equals(oid.md5())) {
        corrupt.add(oid);
        return;
      }
      String hex = HexFormat.of().formatHex(sha.digest());
      synchronized (record) {
        record.put(oid, hex);
      }
      added.incrementAndGet();
    });
    return new Result(added.get(), already.get(), absent.get(), corrupt.stream().sorted().toList());
  }
}
