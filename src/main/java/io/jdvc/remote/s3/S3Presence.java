package io.jdvc.remote.s3;

import io.jdvc.object.ObjectInfo;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Which of many objects the remote holds, asked with HEAD requests or with shard listings, whichever needs fewer
 * round trips, and never trusting a listing further than its ETags vouch.
 */
final class S3Presence {
  /** An ETag that is the content's MD5: a single-part upload without a customer or KMS key. */
  static final Pattern SINGLE_PART_ETAG = Pattern.compile("[0-9a-f]{32}");

  /** One HEAD: the object's size and MD5 if the remote holds it. */
  @FunctionalInterface
  interface Head {
    Optional<ObjectInfo> stat(Oid oid) throws IOException;
  }

  private final S3Listings listings;
  private final S3Settings settings;
  private final ExecutorService pool;
  private final int jobs;
  private final Head head;

  S3Presence(S3Listings listings, S3Settings settings, ExecutorService pool, int jobs, Head head) {
    this.listings = listings;
    this.settings = settings;
    this.pool = pool;
    this.jobs = jobs;
    this.head = head;
  }

  /**
   * Answers with HEAD requests or with prefix listings, whichever needs fewer round trips, as DVC's
   * {@code oids_exist} does (dvc-format.md §7), but with the estimate taken from a listing that is useful anyway:
   *
   * <ol>
   *   <li>Up to {@code jobs} oids: HEAD each, in parallel. That is one round of requests; any listing
   *       would need two (a sample, then the rest).
   *   <li>Otherwise group the oids by shard ({@code files/md5/ab/} or legacy {@code ab/}) and list the shard
   *       holding the most of them. Its key count estimates every shard's size, so listing the remaining shards
   *       costs about {@code shards x max(1, ceil(keys/1000))} pages.
   *   <li>If fewer oids remain than that page count, HEAD them; otherwise list the remaining shards in parallel.
   *       A page and a HEAD each cost one round trip, and DVC weighs them equally too (its extra weight only
   *       applies above 500,000 objects, where our per-shard estimate already grows with the remote).
   * </ol>
   *
   * So a push of 20,000 files to a remote of similar size lists 256 shards (about a second against a local
   * server) instead of sending 20,000 HEADs, while checking 50 files against a remote of ten million objects
   * (40 pages per shard) sends 50 HEADs.
   */
  Set<Oid> existing(Collection<Oid> oids) throws IOException {
    // a million-object push keeps no size or ETag per object: only the answer, and the few listed objects whose
    // ETag does not vouch for their name (vouchesFor) for a HEAD each
    Set<Oid> present = ConcurrentHashMap.newKeySet();
    Set<Oid> doubtful = ConcurrentHashMap.newKeySet();
    find(oids, (oid, info, listed) -> (!listed || vouchesFor(oid, info) ? present : doubtful).add(oid));
    present.addAll(headAll(doubtful).keySet());
    return present;
  }

  /** Like {@link #existing}, and a listing carries size and ETag too, so audits need no HEAD per object. */
  Map<Oid, ObjectInfo> statAll(Collection<Oid> oids) throws IOException {
    Map<Oid, ObjectInfo> found = new ConcurrentHashMap<>();
    Set<Oid> doubtful = ConcurrentHashMap.newKeySet();
    find(oids, (oid, info, listed) -> {
      found.put(oid, info);
      if (listed && !vouchesFor(oid, info)) {
        doubtful.add(oid);
      }
    });
    found.keySet().removeAll(doubtful);
    found.putAll(headAll(doubtful));
    return found;
  }

  /** Receives each object found, with whether a listing (unverified) or a HEAD reported it. */
  private interface FoundSink {
    void found(Oid oid, ObjectInfo info, boolean listed);
  }

  /** The HEAD-or-list strategy described at {@link #existing}; every oid found goes to {@code sink} once. */
  private void find(Collection<Oid> oids, FoundSink sink) throws IOException {
    // keyed to itself, so that what a listing finds is reported as the caller's instance, not a parsed copy
    Map<Oid, Oid> wanted = new HashMap<>();
    for (Oid oid : oids) {
      wanted.put(oid, oid);
    }
    if (wanted.size() <= jobs) {
      headAll(wanted.keySet()).forEach((oid, info) -> sink.found(oid, info, false));
      return;
    }
    Map<String, Integer> perShard = new HashMap<>();
    for (Oid oid : wanted.keySet()) {
      perShard.merge(shardOf(oid), 1, Integer::sum);
    }
    String sample = perShard.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    perShard.remove(sample);
    long keysInSample = listShardMatching(sample, wanted, sink);
    long pagesPerShard = Math.max(1, (keysInSample + S3Remote.LIST_PAGE - 1) / S3Remote.LIST_PAGE);
    long listCost = perShard.size() * pagesPerShard;
    int remaining = perShard.values().stream().mapToInt(Integer::intValue).sum();
    if (remaining < listCost) {
      Set<Oid> rest = new HashSet<>();
      for (Oid oid : wanted.keySet()) {
        if (perShard.containsKey(shardOf(oid))) {
          rest.add(oid);
        }
      }
      headAll(rest).forEach((oid, info) -> sink.found(oid, info, false));
    } else {
      List<Callable<Long>> tasks = new ArrayList<>();
      perShard.keySet().forEach(shard -> tasks.add(() -> listShardMatching(shard, wanted, sink)));
      Tasks.all(pool, tasks);
    }
  }

  /**
   * A listing is one unverified XML body: a damaged byte in a key can name an object that is not there, and
   * a push would then skip an upload the remote lacks. So a listed object counts as present only if its ETag (the
   * MD5 of a single-part upload) vouches for its name; the others (multipart uploads, KMS encryption, a damaged
   * ETag) are asked about with a HEAD. Legacy oids hash normalised text and are taken as listed.
   */
  private static boolean vouchesFor(Oid oid, ObjectInfo listed) {
    return oid.legacy() || oid.md5().equals(listed.md5());
  }

  /** {@code files/md5/ab/} or legacy {@code ab/}: the directory part of the object's relative key. */
  private static String shardOf(Oid oid) {
    String key = ObjectLayout.keyOf(oid);
    return key.substring(0, key.lastIndexOf('/') + 1);
  }

  private Map<Oid, ObjectInfo> headAll(Set<Oid> oids) throws IOException {
    List<Callable<Optional<Map.Entry<Oid, ObjectInfo>>>> tasks = new ArrayList<>();
    for (Oid oid : oids) {
      tasks.add(() -> head.stat(oid).map(i -> Map.entry(oid, i)));
    }
    Map<Oid, ObjectInfo> found = new HashMap<>();
    for (Optional<Map.Entry<Oid, ObjectInfo>> o : Tasks.all(pool, tasks)) {
      o.ifPresent(e -> found.put(e.getKey(), e.getValue()));
    }
    return found;
  }

  /** Lists one shard, reporting the wanted oids it holds to {@code sink}; returns how many keys it holds. */
  private long listShardMatching(String shard, Map<Oid, Oid> wanted, FoundSink sink) throws IOException {
    long[] count = {0};
    listings.objects(shard, (relKey, o) -> {
      count[0]++;
      ObjectLayout.oidOf(relKey).map(wanted::get).ifPresent(oid -> sink.found(oid, infoOf(o), true));
    });
    return count[0];
  }

  /**
   * A listing's ETag is the MD5 under the same rule as a HEAD's; a listing does not say how an object is
   * encrypted, so with KMS configured for the remote no ETag is trusted.
   */
  private ObjectInfo infoOf(S3Object o) {
    String etag = o.eTag() == null ? "" : o.eTag().replace("\"", "");
    boolean kms = settings.sse() != null && settings.sse().toLowerCase(java.util.Locale.ROOT).contains("kms");
    return new ObjectInfo(o.size(), !kms && SINGLE_PART_ETAG.matcher(etag).matches() ? etag : null);
  }
}
