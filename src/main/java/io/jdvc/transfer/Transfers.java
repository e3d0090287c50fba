package io.jdvc.transfer;

import io.jdvc.AttemptBytes;
import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.CorruptObjectException;
import io.jdvc.cache.LocalCache;
import io.jdvc.cache.WorkspaceCopy;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.Remote;
import java.io.IOException;
import io.jdvc.object.Oid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves objects between the local cache and one remote, in parallel with a bounded number of jobs. The remote
 * only stores and fetches bytes; this class owns what lies around that, as git-lfs's transfer queue does:
 * progress, per-object outcomes, and integrity (every download is hashed while it is written and enters the
 * cache only if it matches). Retries belong to the remote's client library, which sees a mismatch as a damaged
 * transfer ({@link Remote#read}); only ranged downloads, verified as a whole, are retried here. A failure of the whole remote or of
 * the local disk stops the transfer; a failure of one object is recorded and the rest go on.
 */
public final class Transfers {
  private final LocalCache cache;
  private final Remote remote;
  private final int jobs;
  private final ProgressListener progress;

  public Transfers(LocalCache cache, Remote remote, int jobs, ProgressListener progress) {
    this.cache = cache;
    this.remote = remote;
    this.jobs = jobs;
    this.progress = progress;
  }

  /** Why an object was not uploaded when {@link LocalCache#check} found it damaged (and removed it). */
  public static final String CORRUPT_IN_CACHE = "corrupt in the local cache (its content does not match its hash) "
      + "and removed from it; restore it with 'jdvc add' from a good copy of the file, or 'jdvc fetch' from "
      + "another remote";

  public Remote remote() {
    return remote;
  }

  /** Uploads objects from the cache; objects absent from the cache are reported as missing. */
  public TransferReport upload(List<ObjectRef> objects, String task) throws IOException {
    long started = System.nanoTime();
    long total = 0;
    List<ObjectRef> present = new ArrayList<>();
    List<TransferReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    for (ObjectRef o : objects) {
      // never spread a damaged object: checked as checkout checks it, one stat for a read-only object
      LocalCache.ObjectCheck check = cache.check(o.oid());
      if (check == LocalCache.ObjectCheck.INTACT) {
        total += cache.size(o.oid());
        present.add(o);
      } else if (check == LocalCache.ObjectCheck.ABSENT) {
        failures.add(new TransferReport.Failure(o, "not in the local cache", true));
      } else {
        failures.add(new TransferReport.Failure(o, CORRUPT_IN_CACHE, false, true));
      }
    }
    if (present.isEmpty()) {
      return new TransferReport(0, 0, 0, failures, Duration.ofNanos(System.nanoTime() - started));
    }
    AtomicInteger done = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    progress.begin(task, present.size(), total);
    try {
      BoundedExecutor.forEach(present, jobs, o -> {
        try {
          remote.upload(o.oid(), cache.pathOf(o.oid()), b -> progress.advance(0, b));
          bytes.addAndGet(Files.size(cache.pathOf(o.oid())));
          done.incrementAndGet();
          progress.advance(1, 0);
        } catch (IOException e) {
          failures.add(new TransferReport.Failure(o, e.getMessage(), false));
        }
      });
    } finally {
      progress.end();
    }
    return new TransferReport(done.get(), bytes.get(), 0, failures, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Downloads objects into the cache. An object absent on the remote is reported as missing; one whose bytes do
   * not hash to its id is reported as corrupt and never enters the cache.
   */
  public TransferReport download(List<ObjectRef> objects, String task) {
    return download(objects, task, CopyTargets.NONE);
  }

  /** As {@link #download(List, String)}, also writing workspace copies where {@code copies} asks for them. */
  public TransferReport download(List<ObjectRef> objects, String task, CopyTargets copies) {
    long started = System.nanoTime();
    List<TransferReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    if (objects.isEmpty()) {
      return TransferReport.empty();
    }
    AtomicInteger done = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    progress.begin(task, objects.size(), knownTotal(objects));
    try {
      BoundedExecutor.forEach(objects, jobs, o -> {
        try {
          bytes.addAndGet(fetchOne(o, copies));
          done.incrementAndGet();
          progress.advance(1, 0);
        } catch (ObjectNotFoundException e) {
          failures.add(new TransferReport.Failure(o, "missing on remote '" + remote.name() + "'", true));
        } catch (CorruptObjectException e) {
          failures.add(new TransferReport.Failure(o, e.getMessage(), false, true));
        } catch (IOException e) {
          if (String.valueOf(e.getMessage()).contains("No space left")) {
            throw new JdvcException("disk full while downloading into " + cache.root(),
                "free some space and run the command again; completed objects are kept", e);
          }
          failures.add(new TransferReport.Failure(o, String.valueOf(e.getMessage()), false));
        }
      });
    } finally {
      progress.end();
    }
    return new TransferReport(done.get(), bytes.get(), 0, failures, Duration.ofNanos(System.nanoTime() - started));
  }

  /** The bytes to download when every object's size is recorded (pointers record it), else -1. */
  private static long knownTotal(List<ObjectRef> objects) {
    long total = 0;
    for (ObjectRef o : objects) {
      if (o.size() < 0) {
        return -1;
      }
      total += o.size();
    }
    return total;
  }

  /**
   * One object into the cache, verified, and into its workspace copy if {@code copies} names one; large objects
   * in parallel ranged parts. Returns the bytes fetched.
   */
  private long fetchOne(ObjectRef o, CopyTargets copies) throws IOException {
    // a workspace copy is an extra: whatever goes wrong with it, the object still enters the cache, and the
    // checkout that follows writes the file or names what stands in its way
    WorkspaceCopy copy = null;
    if (!o.oid().isDir()) {
      try {
        Path target = copies.targetFor(o);
        copy = target == null ? null : WorkspaceCopy.create(target);
      } catch (IOException e) {
        copy = null;
      }
    }
    try (WorkspaceCopy c = copy) {
      long n = fetchInto(o, c);
      if (c != null && publish(c)) {
        copies.written(o, c.target());
      }
      return n;
    }
  }

  private static boolean publish(WorkspaceCopy copy) {
    try {
      return copy.publish();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A ranged download is verified only as a whole, after all of its parts (each retried by the remote on its
   * own) have landed; a byte damaged on the way shows only then, so the whole object is fetched again, up to
   * this many times in all.
   */
  static final int RANGED_ATTEMPTS = 4;

  /** The download itself: into the cache, and into {@code copy} too unless it is null. */
  private long fetchInto(ObjectRef o, WorkspaceCopy copy) throws IOException {
    Oid oid = o.oid();
    if (o.size() >= RangedDownload.THRESHOLD && !oid.legacy() && !oid.isDir()) {
      for (int attempt = 1; ; attempt++) {
        try {
          return fetchRanged(o, copy);
        } catch (CorruptObjectException e) {
          if (attempt == RANGED_ATTEMPTS) {
            throw e;
          }
        }
      }
    }
    // the remote may call this again after a broken or damaged attempt: each call starts the object over
    AttemptBytes attempt = new AttemptBytes(b -> progress.advance(0, b));
    return remote.read(oid, in -> {
      if (copy != null) {
        copy.restart();
      }
      return cache.insertStream(oid, attempt.counting(in), remote.location(), copy);
    });
  }

  private long fetchRanged(ObjectRef o, WorkspaceCopy copy) throws IOException {
    Oid oid = o.oid();
    Path tmp = cache.newTempFile();
    Oid actual;
    try {
      actual = RangedDownload.fetch(remote, oid, o.size(), tmp, copy == null ? null : copy.channel(), progress);
    } catch (BoundedExecutor.TaskException e) {
      Files.deleteIfExists(tmp);
      if (e.getCause() instanceof IOException io) {
        throw io; // e.g. missing on the remote: reported per object like any other
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    if (!actual.equals(oid)) {
      Files.deleteIfExists(tmp);
      throw new CorruptObjectException(oid, actual, remote.location());
    }
    cache.insertVerified(oid, tmp);
    return o.size();
  }
}
