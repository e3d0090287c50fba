package io.jdvc.tables;

import io.jdvc.remote.Remote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Profiles shared through a remote, as side files {@code jdvc/profiles-p2/abcdef….FORMAT.json.gz} outside DVC's
 * object layout. The names are flat on purpose: no directory of two characters holds them, so DVC's object
 * listing, which takes {@code ab/cdef…} path pairs for objects, can never take one for an object: {@code push --profiles} uploads the local ones the remote lacks, {@code pull --profiles} downloads
 * the ones missing locally, and a profile missing locally is looked up there before the engine computes it, so CI
 * answers profile, diff and check questions without downloading data.
 */
final class ProfileSharing {
  static final String PREFIX = Remote.SIDE_PREFIX + "profiles-" + TableProfile.SPEC + "/";

  private ProfileSharing() {}

  /** {@code p2/ab/cdef….parquet.json.gz} → {@code jdvc/profiles-p2/abcdef….parquet.json.gz}. */
  static String remoteKey(String localKey) {
    String[] parts = localKey.split("/");
    return PREFIX + parts[1] + parts[2];
  }

  /** The inverse of {@link #remoteKey}; null for a name that is not a profile's. */
  static String localKey(String remoteKey) {
    String name = remoteKey.substring(PREFIX.length());
    if (!name.matches("[0-9a-f]{32}\\.[a-z]+(-[0-9a-f]{12})?\\.json\\.gz")) {
      return null;
    }
    return TableProfile.SPEC + "/" + name.substring(0, 2) + "/" + name.substring(2);
  }

  /** Uploads every local profile the remote lacks; returns how many. */
  static int push(ProfileStore store, Remote remote) throws IOException {
    Set<String> there = remote.listSideFiles(PREFIX);
    int n = 0;
    for (String key : localKeys(store)) {
      if (!there.contains(remoteKey(key))) {
        remote.putSideFile(remoteKey(key), Files.readAllBytes(store.pathOf(key)));
        n++;
      }
    }
    return n;
  }

  /** Downloads every shared profile missing locally (skipping any that does not decode); returns how many. */
  static int pull(ProfileStore store, Remote remote) throws IOException {
    Set<String> here = localKeys(store);
    int n = 0;
    for (String key : remote.listSideFiles(PREFIX)) {
      String local = localKey(key);
      if (local != null && !here.contains(local) && save(store, local, remote.getSideFile(key).orElse(null))) {
        n++;
      }
    }
    return n;
  }

  /** Stores a downloaded profile if it is one this version reads; false if not. */
  static boolean save(ProfileStore store, String localKey, byte[] bytes) throws IOException {
    if (bytes == null) {
      return false;
    }
    try {
      ProfileCodec.decode(bytes);
    } catch (IllegalArgumentException e) {
      return false;
    }
    Path target = store.pathOf(localKey);
    Files.createDirectories(target.getParent());
    io.jdvc.AtomicFiles.write(target, bytes);
    return true;
  }

  private static Set<String> localKeys(ProfileStore store) throws IOException {
    Set<String> keys = new TreeSet<>();
    if (Files.isDirectory(store.dir())) {
      try (Stream<Path> s = Files.walk(store.dir())) {
        s.filter(Files::isRegularFile).map(p -> store.dir().relativize(p).toString().replace('\\', '/'))
            .filter(k -> k.matches(TableProfile.SPEC
                + "/[0-9a-f]{2}/[0-9a-f]{30}\\.[a-z]+(-[0-9a-f]{12})?\\.json\\.gz"))
            .forEach(keys::add);
      }
    }
    return keys;
  }
}
