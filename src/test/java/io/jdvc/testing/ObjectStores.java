package io.jdvc.testing;

import io.jdvc.hash.FileHasher;
import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Checks a store laid out as DVC lays out caches and remotes ({@code files/md5/ab/cdef...}) on disk. */
public final class ObjectStores {
  private ObjectStores() {}

  /** What {@link #check} found: objects hashed, and the relative paths of those whose bytes are not their name. */
  public record Check(int checked, List<String> corrupt, Set<Oid> oids) {}

  /**
   * Hashes every object under {@code root} (a cache directory, a directory remote, or an S3 bucket prefix in
   * the test server's data directory); temp files and other names that are not objects are skipped.
   */
  public static Check check(Path root) throws IOException {
    return check(root, new java.util.HashSet<>());
  }

  /**
   * As {@link #check(Path)}, hashing only objects not in {@code verified} and adding the intact ones to it: an
   * object is written under a temp name and renamed, so one found intact stays intact. {@link Check#checked}
   * counts the objects hashed this time.
   */
  public static Check check(Path root, Set<Path> verified) throws IOException {
    List<String> corrupt = new ArrayList<>();
    Set<Oid> oids = new TreeSet<>(java.util.Comparator.comparing(Oid::value));
    int hashed = 0;
    verified.removeIf(p -> p.startsWith(root) && !Files.exists(p)); // deleted, perhaps to be written anew
    if (!Files.isDirectory(root.resolve(ObjectLayout.MD5_ROOT))) {
      return new Check(0, corrupt, oids);
    }
    try (Stream<Path> s = Files.walk(root.resolve(ObjectLayout.MD5_ROOT))) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(f).toString();
        Optional<Oid> oid = ObjectLayout.oidOf(rel);
        if (oid.isEmpty()) {
          continue;
        }
        oids.add(oid.get());
        if (verified.contains(f)) {
          continue;
        }
        hashed++;
        if (oid.get().md5().equals(FileHasher.hash(f, false).value())) {
          verified.add(f);
        } else {
          corrupt.add(rel);
        }
      }
    }
    return new Check(hashed, corrupt, oids);
  }
}
