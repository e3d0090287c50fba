package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories as DVC leaves them: a 2.x pointer (no {@code hash:}, md5-dos2unix, legacy cache layout) and a 3.x
 * pointer written by DVC are read, checked out and reported clean, and stay byte-identical until data changes.
 */
class DvcCompatIT {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private void write(String rel, byte[] content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
  }

  @Test
  void legacyPointerIsCleanChecksOutAndStaysByteIdentical() throws IOException {
    byte[] crlf = "hello\r\nworld\r\n".getBytes(StandardCharsets.US_ASCII);
    // DVC 2.x: md5-dos2unix value, legacy cache path <cache>/xx/rest, pointer without 'hash:'
    String legacyPointer = "outs:\n- md5: 0f723ae7f9bf07744445e93ac5595156\n  size: 14\n  path: notes.txt\n";
    write("notes.txt.dvc", legacyPointer.getBytes(StandardCharsets.UTF_8));
    write(".dvc/cache/0f/723ae7f9bf07744445e93ac5595156", crlf);

    jdvc.ok("checkout");
    assertEquals(new String(crlf, StandardCharsets.US_ASCII), Files.readString(root.resolve("notes.txt")));
    assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());

    jdvc.ok("add", "notes.txt");
    assertEquals(legacyPointer, Files.readString(root.resolve("notes.txt.dvc")), "unchanged legacy stays legacy");

    write("notes.txt", "new content\n".getBytes(StandardCharsets.US_ASCII));
    jdvc.ok("add", "notes.txt");
    String updated = Files.readString(root.resolve("notes.txt.dvc"));
    assertTrue(updated.contains("hash: md5"), "changed data moves to 3.x: " + updated);
    assertTrue(Files.exists(root.resolve(".dvc/cache/files/md5")));
  }

  @Test
  void dvc3PointerWithAnnotationsRoundTrips() throws IOException {
    String pointer = "outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  size: 6\n  hash: md5\n  path: a.txt\n"
        + "  desc: greeting\n";
    write("a.txt.dvc", pointer.getBytes(StandardCharsets.UTF_8));
    write(".dvc/cache/files/md5/b1/946ac92492d2347c6235b4d2611184", "hello\n".getBytes(StandardCharsets.US_ASCII));
    jdvc.ok("checkout");
    assertEquals("hello\n", Files.readString(root.resolve("a.txt")));
    jdvc.ok("commit");
    assertEquals(pointer, Files.readString(root.resolve("a.txt.dvc")));
    Files.writeString(root.resolve("a.txt"), "bye\n");
    jdvc.ok("commit");
    assertTrue(Files.readString(root.resolve("a.txt.dvc")).contains("desc: greeting"), "annotations survive");
  }

  @Test
  void configWrittenByDvcIsRead() throws IOException {
    Files.writeString(root.resolve(".dvc/config"), "[core]\n    autostage = false\n[cache]\n    type = \"hardlink,copy\"\n");
    Files.writeString(root.resolve("a.txt"), "hello\n");
    CliResult r = jdvc.ok("add", "a.txt");
    assertTrue(r.out().contains("git add"), "autostage off prints DVC's advice: " + r.out());
    Path cached = root.resolve(".dvc/cache/files/md5/b1/946ac92492d2347c6235b4d2611184");
    assertEquals(Files.getAttribute(cached, "unix:ino"), Files.getAttribute(root.resolve("a.txt"), "unix:ino"),
        "cache.type hardlink links the workspace file to the cache");
  }
}
