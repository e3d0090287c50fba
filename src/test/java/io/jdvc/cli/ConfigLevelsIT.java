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
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global and system config files DVC shares between repositories. The pom points DVC_GLOBAL_CONFIG_DIR and
 * DVC_SYSTEM_CONFIG_DIR of the test JVM at directories under target/, which these tests write and clear.
 */
class ConfigLevelsIT {
  private static final Path GLOBAL = Path.of(System.getenv("DVC_GLOBAL_CONFIG_DIR"));
  private static final Path SYSTEM = Path.of(System.getenv("DVC_SYSTEM_CONFIG_DIR"));

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;

  @BeforeEach
  void setUp() throws IOException {
    clear();
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
  }

  @AfterEach
  void tearDown() throws IOException {
    repo.close();
    clear();
  }

  private static void clear() throws IOException {
    for (Path dir : new Path[] {GLOBAL, SYSTEM}) {
      if (Files.exists(dir)) {
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  @Test
  void aRemoteSetUpOnceGloballyServesEveryRepository() throws IOException {
    Path store = Files.createDirectories(tmp.resolve("store"));
    jdvc.ok("remote", "add", "--global", "-d", "shared", store.toString());
    String global = Files.readString(GLOBAL.resolve("config"), StandardCharsets.UTF_8);
    assertTrue(global.contains("['remote \"shared\"']\n    url = " + store + "\n"), global);
    assertTrue(global.contains("[core]\n    remote = shared\n"), global);
    assertTrue(!Files.readString(repo.root().resolve(".dvc/config")).contains("shared"), "repo config untouched");

    repo.write("data.csv", "a,b\n1,2\n");
    jdvc.ok("add", "data.csv");
    jdvc.ok("push");
    try (Stream<Path> objects = Files.walk(store.resolve("files/md5"))) {
      assertEquals(1, objects.filter(Files::isRegularFile).count());
    }

    CliResult origin = jdvc.ok("config", "-l", "--show-origin");
    assertTrue(origin.out().contains(GLOBAL.resolve("config") + "\tremote.shared.url=" + store), origin.out());
    CliResult list = jdvc.ok("remote", "list", "--json");
    assertTrue(list.out().contains("\"level\": \"global\""), list.out());
  }

  @Test
  void relativePathsInTheGlobalFileAreRelativeToThatFile() throws IOException {
    Files.createDirectories(GLOBAL);
    Files.writeString(GLOBAL.resolve("config"), "['remote \"up\"']\n    url = ../global-store\n[core]\n"
        + "    remote = up\n");
    Path store = Files.createDirectories(GLOBAL.resolveSibling("global-store"));
    repo.write("a.txt", "hello\n");
    jdvc.ok("add", "a.txt");
    jdvc.ok("push");
    assertTrue(Files.exists(store.resolve("files/md5/b1/946ac92492d2347c6235b4d2611184")));
  }

  @Test
  void eachLevelShadowsTheOnesBeforeIt() throws IOException {
    jdvc.ok("config", "--system", "core.check_update", "false");
    jdvc.ok("config", "--system", "core.autostage", "true");
    jdvc.ok("config", "--global", "core.autostage", "false");
    assertEquals("false\n", jdvc.ok("config", "core.autostage").out());
    assertEquals("true\n", jdvc.ok("config", "--system", "core.autostage").out());
    assertEquals("false\n", jdvc.ok("config", "core.check_update").out());
    jdvc.ok("config", "--local", "core.autostage", "true");
    assertEquals("true\n", jdvc.ok("config", "core.autostage").out());
    assertEquals("[core]\n    check_update = false\n    autostage = true\n",
        Files.readString(SYSTEM.resolve("config"), StandardCharsets.UTF_8));
  }

  @Test
  void removingARemoteInOneRepositoryNeverEditsTheGlobalFile() throws IOException {
    jdvc.ok("remote", "add", "--global", "shared", "s3://team-bucket/dvc");
    String before = Files.readString(GLOBAL.resolve("config"), StandardCharsets.UTF_8);
    CliResult r = jdvc.run("remote", "remove", "shared");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("is defined in " + GLOBAL.resolve("config")), r.err());
    assertTrue(r.err().contains("jdvc config --global remote.shared"), r.err());
    assertEquals(before, Files.readString(GLOBAL.resolve("config"), StandardCharsets.UTF_8));
    assertEquals(1, jdvc.run("remote", "rename", "shared", "other").exitCode());
    assertEquals(before, Files.readString(GLOBAL.resolve("config"), StandardCharsets.UTF_8));
  }

  @Test
  void levelOptionsExcludeEachOther() {
    CliResult r = jdvc.run("config", "--local", "--global", "core.autostage");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
  }
}
