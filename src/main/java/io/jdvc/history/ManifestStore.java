package io.jdvc.history;

import io.jdvc.cache.CorruptObjectException;
import io.jdvc.cache.LocalCache;
import io.jdvc.manifest.DirManifest;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.Oid;
import io.jdvc.remote.AgreeingReads;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.Remote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Directory manifests for history scans: read from the local cache, or, when missing there and a remote is given,
 * downloaded into the cache first (hash-verified by {@link LocalCache#adopt}, so a tampered manifest never enters
 * the cache). Decoded manifests are memoized, since consecutive revisions usually share them. Not thread-safe.
 */
public final class ManifestStore {
  private static final DirManifestCodec CODEC = new DirManifestCodec();

  private final LocalCache cache;
  private final LocalCache fetchInto;
  private final List<Remote> remotes;
  private final java.util.Set<Remote> failed = new java.util.HashSet<>();
  private final java.util.function.Consumer<String> warnings;
  private final Map<Oid, Optional<DirManifest>> loaded = new HashMap<>();
  private final Map<Oid, Map<String, Oid>> corrupt = new HashMap<>();

  /** @param remotes where to fetch missing manifests from, tried in order; empty to use the cache only */
  public ManifestStore(LocalCache cache, List<Remote> remotes) {
    this(cache, remotes, w -> {});
  }

  /**
   * @param warnings told once per remote that cannot be used (of a kind jdvc does not speak, unreachable, or
   *     failing): the scan goes on without it, and its callers report the manifests it could not find
   */
  public ManifestStore(LocalCache cache, List<Remote> remotes, java.util.function.Consumer<String> warnings) {
    this(cache, cache, remotes, warnings);
  }

  /**
   * Reads manifests from {@code cache}, but puts the ones fetched from a remote into {@code fetchInto} (and reads
   * them from there): for read-only queries that must leave the cache as it was.
   */
  public ManifestStore(LocalCache cache, LocalCache fetchInto, List<Remote> remotes,
      java.util.function.Consumer<String> warnings) {
    this.cache = cache;
    this.fetchInto = fetchInto;
    this.remotes = List.copyOf(remotes);
    this.warnings = warnings;
  }

  /**
   * The manifest of a {@code .dir} object; empty if neither the cache nor the remote has it (or the remote's copy
   * does not hash to {@code dirOid}).
   *
   * @throws IOException if the cache cannot be read or the remote fails for another reason than absence
   */
  public Optional<DirManifest> load(Oid dirOid) throws IOException {
    Optional<DirManifest> known = loaded.get(dirOid);
    if (known != null) {
      return known;
    }
    Optional<DirManifest> m = read(dirOid);
    for (Remote remote : remotes) {
      if (m.isPresent()) {
        break;
      }
      if (!failed.contains(remote) && fetch(remote, dirOid)) {
        m = read(dirOid);
      }
    }
    loaded.put(dirOid, m);
    return m;
  }

  /**
   * The remotes (by name) whose copy of this manifest {@link #load} downloaded and found corrupt, each with what the
   * copy hashes to; empty if none. Audits report these as corrupt rather than the manifest as merely missing.
   */
  public Map<String, Oid> corruptCopies(Oid dirOid) {
    return corrupt.getOrDefault(dirOid, Map.of());
  }

  private Optional<DirManifest> read(Oid dirOid) throws IOException {
    Optional<DirManifest> m = read(cache, dirOid);
    return m.isPresent() || fetchInto == cache ? m : read(fetchInto, dirOid);
  }

  private static Optional<DirManifest> read(LocalCache from, Oid dirOid) throws IOException {
    try {
      return Optional.of(CODEC.decode(Files.readAllBytes(from.pathOf(dirOid)), dirOid.legacy()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Into the cache only if sound; a copy counts as corrupt only when two complete reads agree on the same wrong
   * content ({@link AgreeingReads}, as in the audit). Reads that never agree are the network's: warned, not corrupt.
   */
  private boolean fetch(Remote remote, Oid dirOid) throws IOException {
    try {
      AgreeingReads.Settled<Oid> read = AgreeingReads.object(remote, dirOid, in -> {
        try {
          fetchInto.insertStream(dirOid, in, remote.name());
          return null;
        } catch (CorruptObjectException e) {
          return e.actual(); // nothing entered the cache
        }
      }, actual -> actual);
      if (read.corrupt()) {
        corrupt.computeIfAbsent(dirOid, k -> new LinkedHashMap<>()).put(remote.name(), read.read());
      }
      return !read.corrupt();
    } catch (ObjectNotFoundException e) {
      return false;
    } catch (AgreeingReads.NotJudgedException e) {
      warnings.accept(e.getMessage());
      return false;
    } catch (io.jdvc.JdvcException | IOException e) {
      // a history query needs the remote only for manifests the cache lacks: without it, it still answers
      failed.add(remote);
      String why = String.valueOf(e.getMessage());
      warnings.accept((why.startsWith("remote '") ? why : "remote '" + remote.name() + "': " + why)
          + "; reading manifests from the cache only");
      return false;
    }
  }
}
