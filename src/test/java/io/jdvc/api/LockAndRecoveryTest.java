package io.jdvc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.repo.RepoLock;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockAndRecoveryTest {
  @TempDir Path tmp;

  @Test
  void secondWriterIsRefusedWhileTheLockIsHeld() throws IOException {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("p"))) {
      Jdvc.init(repo.root()).call();
      Files.writeString(repo.path("a.txt"), "hello\n");
      try (Jdvc jdvc = Jdvc.open(repo.root()); RepoLock held = jdvc.lock()) {
        try (Jdvc other = Jdvc.open(repo.root())) {
          JdvcException e = assertThrows(JdvcException.class,
              () -> other.add().targets(List.of(Path.of("a.txt"))).call());
          assertTrue(e.getMessage().contains("locked by another jdvc process"), e.getMessage());
        }
      }
      try (Jdvc jdvc = Jdvc.open(repo.root())) {
        jdvc.add().targets(List.of(Path.of("a.txt"))).call();
      }
    }
  }

  @Test
  void staleLockAndTempFilesOfAKilledProcessAreCleanedUp() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("p"))) {
      Jdvc.init(repo.root()).call();
      Path lockFile = repo.path(".dvc/tmp/jdvc.lock");
      Files.createDirectories(lockFile.getParent());
      Files.writeString(lockFile, "999999999\n");
      Path stale = repo.path(".dvc/cache/files/md5/.half-written.tmp");
      Files.createDirectories(stale.getParent());
      Files.writeString(stale, "partial");
      Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(
          java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      Path killed = Files.writeString(stale.resolveSibling("." + gone.pid() + "-7.tmp"), "partial");
      // a repository sharing this cache is writing right now: its temp file must survive our lock
      Path live = Files.writeString(stale.resolveSibling("." + ProcessHandle.current().pid() + "-9.tmp"), "partial");
      Path fresh = Files.writeString(stale.resolveSibling(".another-tool.tmp"), "partial");
      Files.writeString(repo.path("a.txt"), "hello\n");
      List<String> notices = new ArrayList<>();
      try (Jdvc jdvc = Jdvc.open(repo.root()).notices(notices::add)) {
        jdvc.add().targets(List.of(Path.of("a.txt"))).call();
      }
      assertTrue(notices.stream().anyMatch(n -> n.contains("stale lock") && n.contains("999999999")),
          notices.toString());
      assertFalse(Files.exists(stale));
      assertFalse(Files.exists(killed));
      assertTrue(Files.exists(live), "a live writer's temp file is kept");
      assertTrue(Files.exists(fresh), "a recent temp file without a pid is kept");
      assertEquals("", Files.readString(lockFile), "the lock file is emptied on release");
    }
  }
}
