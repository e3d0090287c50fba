package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real commands through /bin/sh and python3. */
class StageRunnerTest {
  @TempDir Path repo;

  StageRunner runner() {
    return new StageRunner(repo).shell("/bin/sh");
  }

  @Test
  void runsEachCommandInOrderInTheWorkingDirectoryAndReportsEachFirst() throws IOException {
    Path wdir = Files.createDirectories(repo.resolve("sub"));
    List<String> events = new ArrayList<>();
    runner().listener(new StageRunner.Listener() {
      @Override
      public void stageStarted(String stage) {
        events.add("Running stage '" + stage + "':");
      }

      @Override
      public void commandStarted(String stage, String command) {
        events.add("> " + command);
      }
    }).run("sub/dvc.yaml:train", List.of("echo one > log", "echo two >> log",
        "python3 -c \"open('py.txt', 'w').write('py')\""), wdir);
    assertEquals("one\ntwo\n", Files.readString(wdir.resolve("log")));
    assertEquals("py", Files.readString(wdir.resolve("py.txt")));
    assertEquals(List.of("Running stage 'sub/dvc.yaml:train':", "> echo one > log", "> echo two >> log",
        "> python3 -c \"open('py.txt', 'w').write('py')\""), events);
  }

  @Test
  void commandsSeeDvcRootTheStageAndTheCallersVariables() throws IOException {
    runner().environment(Map.of("DVC_EXP_NAME", "exp-1", "DVC_EXP_BASELINE_REV", "abc123"))
        .run("train", List.of("printf '%s|%s|%s|%s' \"$DVC_ROOT\" \"$DVC_STAGE\" \"$DVC_EXP_NAME\" "
            + "\"$DVC_EXP_BASELINE_REV\" > env.txt"), repo);
    assertEquals(repo.toAbsolutePath().normalize() + "|train|exp-1|abc123",
        Files.readString(repo.resolve("env.txt")));
  }

  @Test
  void aFailingCommandIsNamedWithItsExitCodeAndStopsTheRest() {
    StageFailedException e = assertThrows(StageFailedException.class, () -> runner().run("train",
        List.of("echo a > a", "python3 -c 'import sys; sys.exit(3)'", "echo c > c"), repo));
    assertEquals("failed to reproduce 'train': command 'python3 -c 'import sys; sys.exit(3)'' exited with 3",
        e.getMessage());
    assertEquals("train", e.stage());
    assertEquals(3, e.exitCode());
    assertTrue(Files.exists(repo.resolve("a")));
    assertFalse(Files.exists(repo.resolve("c")), "the commands after a failure do not run");
  }

  @Test
  void aCommandKilledBySignalSaysSo() {
    StageFailedException e = assertThrows(StageFailedException.class, () -> runner().run("train",
        List.of("python3 -c 'import os, signal; os.kill(os.getpid(), signal.SIGKILL)'"), repo));
    assertEquals(137, e.exitCode());
    assertTrue(e.getMessage().endsWith("exited with 137 (killed by SIGKILL)"), e.getMessage());
  }

  @Test
  void aMissingWorkingDirectoryOrShellIsAClearError() {
    JdvcException noDir = assertThrows(JdvcException.class, () -> runner().run("train", List.of("true"),
        repo.resolve("nope")));
    assertTrue(noDir.getMessage().contains("working directory"), noDir.getMessage());
    JdvcException noShell = assertThrows(JdvcException.class, () -> new StageRunner(repo)
        .shell(repo.resolve("no-such-shell").toString()).run("train", List.of("true"), repo));
    assertTrue(noShell.getMessage().startsWith("cannot run stage 'train'"), noShell.getMessage());
    assertThrows(JdvcException.class, () -> runner().run("train", List.of(), repo));
  }

  @Test
  void interruptingTheRunnerEndsTheWholeProcessTree() throws Exception {
    // sh forks python (a compound command), python forks sleep: three processes deep
    String command = "python3 -c \"import subprocess, time, os; p = subprocess.Popen(['sleep', '300']); "
        + "open('pids.tmp', 'w').write(f'{os.getpid()} {p.pid}'); os.rename('pids.tmp', 'pids'); "
        + "time.sleep(300)\"; echo after > after";
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        runner().run("train", List.of(command), repo);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    t.start();
    List<Long> pids = awaitPids(repo.resolve("pids"));
    t.interrupt();
    t.join(Duration.ofSeconds(20).toMillis());
    assertFalse(t.isAlive(), "the runner returned");
    assertInstanceOf(StageInterruptedException.class, thrown.get());
    assertInstanceOf(InterruptedException.class, thrown.get().getCause());
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ChildProcesses::running).orElse(false), "process " + pid + " ended");
    }
    assertFalse(Files.exists(repo.resolve("after")), "the shell did not go on");
  }

  @Test
  void aCommandIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
    String command = "python3 -c \"import signal, time, os; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        + "open('pids.tmp', 'w').write(str(os.getpid())); os.rename('pids.tmp', 'pids'); time.sleep(300)\"; true";
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        runner().killGrace(Duration.ofMillis(200)).run("train", List.of(command), repo);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    t.start();
    List<Long> pids = awaitPids(repo.resolve("pids"));
    t.interrupt();
    t.join(Duration.ofSeconds(20).toMillis());
    assertInstanceOf(StageInterruptedException.class, thrown.get());
    assertFalse(ProcessHandle.of(pids.get(0)).map(ChildProcesses::running).orElse(false));
  }

  @Test
  void cmdStringsSplitIntoLinesAsPythonDoes() {
    assertEquals(List.of("a", "b"), StageRunner.commandLines("a\nb\n"));
    assertEquals(List.of("a", "", "b"), StageRunner.commandLines("a\n\nb"));
    assertEquals(List.of("a", "b", "c"), StageRunner.commandLines("a\r\nb\rc"));
    assertEquals(List.of("python train.py"), StageRunner.commandLines("python train.py"));
    assertEquals(List.of(), StageRunner.commandLines(""));
  }

  @Test
  void shellsStartWithoutTheirStartupFiles() {
    assertEquals(List.of("/bin/bash", "--noprofile", "--norc", "-c", "x"),
        new StageRunner(repo).shell("/bin/bash").shellCommand("x"));
    assertEquals(List.of("/usr/bin/zsh", "--no-rcs", "-c", "x"),
        new StageRunner(repo).shell("/usr/bin/zsh").shellCommand("x"));
    assertEquals(List.of("/bin/sh", "-c", "x"), runner().shellCommand("x"));
  }

  private static List<Long> awaitPids(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(file)) {
      assertTrue(System.nanoTime() < deadline, "the command started");
      Thread.sleep(20);
    }
    return Arrays.stream(Files.readString(file).trim().split(" ")).map(Long::parseLong).toList();
  }
}
