package io.jdvc.cli;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A repository with three versions of a dataset, built with jdvc itself:
 * <pre>
 * v1 (tag)  data/{a.txt=alpha, b.txt=bravo, sub/c.txt=charlie}, model.bin=m1
 * v2        a.txt modified, b.txt renamed to sub/b2.txt, d.txt added; model.bin=m2     (branch "exp")
 * v3 (tag)  d.txt deleted, e.txt added; model.bin unchanged                             (main, HEAD)
 * </pre>
 */
final class HistoryFixture {
  static final String ALPHA = "alpha\n";
  static final String BRAVO = "bravo\n";
  static final String ALPHA2 = "alpha two\n";
  static final String DELTA = "delta\n";
  static final String ECHO = "echo\n";

  String v1;
  String v2;
  String v3;

  HistoryFixture build(TempGitRepo repo, CliRunner jdvc) {
    jdvc.ok("init");
    repo.commitAll("init");
    repo.write("data/a.txt", ALPHA);
    repo.write("data/b.txt", BRAVO);
    repo.write("data/sub/c.txt", "charlie\n");
    repo.write("model.bin", "m1");
    jdvc.ok("add", "data", "model.bin");
    v1 = repo.commitAll("v1: first data");
    repo.tag("v1");
    repo.write("data/a.txt", ALPHA2);
    repo.delete("data/b.txt");
    repo.write("data/sub/b2.txt", BRAVO);
    repo.write("data/d.txt", DELTA);
    repo.write("model.bin", "m2");
    jdvc.ok("add", "data", "model.bin");
    v2 = repo.commitAll("v2: more data");
    repo.branch("exp");
    repo.delete("data/d.txt");
    repo.write("data/e.txt", ECHO);
    jdvc.ok("add", "data");
    v3 = repo.commitAll("v3: swap d for e");
    repo.tag("v3");
    return this;
  }

  static String md5(String content) {
    return io.jdvc.hash.Md5.hex(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Every object file in a cache or local remote directory, as "xx/rest" oid strings. */
  static Set<String> objects(Path root) {
    Set<String> out = new HashSet<>();
    Path md5 = root.resolve("files/md5");
    if (!Files.isDirectory(md5)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(md5)) {
      walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .forEach(p -> out.add(p.getParent().getFileName().toString() + p.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Commits an unparsable bad.dvc ("oops") and then its removal ("fix"); returns the "oops" commit's id. */
  static String brokenPointerInHistory(TempGitRepo repo) {
    repo.write("bad.dvc", "outs:\n- md5: x\n  bad\n");
    String oops = repo.commitAll("oops");
    repo.delete("bad.dvc");
    repo.commitAll("fix");
    return oops;
  }

  /** Copies a cache's objects to a local-directory remote, as push would (push is not ours to use). */
  static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!Files.exists(target)) {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
