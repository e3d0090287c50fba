package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.cache.LocalCache;
import io.jdvc.hash.FileHasher;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.Oid;
import io.jdvc.pipeline.LockEntry;
import io.jdvc.pipeline.LockFile;
import io.jdvc.pipeline.LockedStageEntry;
import io.jdvc.pipeline.RunCache;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code repro} of a four-stage pipeline killed (kill -9, the JVM and its stage's processes, as a CI timeout or a
 * closed terminal does) at random moments leaves {@code dvc.lock} and the cache consistent, and the next run
 * finishes the work; Ctrl-C (at a terminal, or SIGINT to jdvc) and SIGTERM during a stage's command stop it cleanly.
 */
class ReproCrashSafetyIT {
  /** Wall time spent killing; each round is a JVM start and part of a pipeline run. */
  private static final long KILL_BUDGET_NANOS = 20_000_000_000L;

  @TempDir Path tmp;

  private static final String GEN = String.join("\n",
      "import os, random, sys",
      "seed = open('seed.txt').read().strip()",
      "rnd = random.Random(seed)",
      "os.makedirs('raw', exist_ok=True)",
      "for i in range(16):",
      "    with open('raw/part-%02d.bin' % i, 'wb') as f:",
      "        f.write(rnd.randbytes(128 * 1024))",
      "");

  private static final String PIPELINE = String.join("\n",
      "stages:",
      "  gen:",
      "    cmd: python3 gen.py",
      "    deps: [gen.py, seed.txt]",
      "    outs: [raw]",
      "  digest:",
      "    cmd: mkdir -p sums && for f in raw/*; do cksum \"$f\" > \"sums/$(basename \"$f\").txt\"; done",
      "    deps: [raw]",
      "    outs: [sums]",
      "  total:",
      "    cmd: cat sums/* | sort > total.txt",
      "    deps: [sums]",
      "    outs: [total.txt]",
      "  report:",
      "    cmd: python3 -c \"import os; n=len(os.listdir('raw')); t=open('total.txt').read();"
          + " open('report.txt','w').write('%d files, %d bytes of sums\\n' % (n, len(t)))\"",
      "    deps: [total.txt, raw]",
      "    outs: [report.txt]",
      "");

  private Path setUp(TempGitRepo repo) throws IOException {
    Path root = repo.root();
    new CliRunner(root).ok("init");
    Files.writeString(root.resolve("gen.py"), GEN);
    Files.writeString(root.resolve("dvc.yaml"), PIPELINE);
    Files.writeString(root.resolve("seed.txt"), "0\n");
    return root;
  }

  @Test
  void killedReproLeavesLockAndCacheConsistentAndTheNextRunFinishes() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("k"))) {
      Path root = setUp(repo);
      Random rnd = new Random(8);
      // one whole run in a child JVM, timed: kills then land anywhere from JVM start to the last lock write
      long t0 = System.nanoTime();
      Process whole = CrashSafetyIT.startAndWaitFor(root, tmp.resolve("whole.log"), () -> false, "repro");
      assertTrue(whole.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(0, whole.exitValue(), Files.readString(tmp.resolve("whole.log")));
      long wholeMs = Math.max(500, (System.nanoTime() - t0) / 1_000_000);
      int kills = 0;
      int midway = 0;
      int finished = 0;
      int takeovers = 0;
      long entries = 0;
      long deadline = System.nanoTime() + KILL_BUDGET_NANOS;
      // on a loaded machine a run takes longer and fewer kills fit: a few more seconds for the third one
      long hardDeadline = deadline + KILL_BUDGET_NANOS / 2;
      for (int round = 1; System.nanoTime() < deadline || kills < 3 && System.nanoTime() < hardDeadline; round++) {
        // a seed seen before lets the run cache restore outputs instead of running: kills land in checkouts too
        Files.writeString(root.resolve("seed.txt"), (round % 5) + "\n");
        long delayMs = rnd.nextLong(wholeMs);
        byte[] lockBefore = Files.readAllBytes(root.resolve("dvc.lock"));
        long start = System.nanoTime();
        Process p = CrashSafetyIT.startAndWaitFor(root, tmp.resolve("repro-" + round + ".log"),
            () -> System.nanoTime() - start > delayMs * 1_000_000, "repro");
        if (p.isAlive()) {
          killTree(p);
          kills++;
          if (!java.util.Arrays.equals(lockBefore, Files.readAllBytes(root.resolve("dvc.lock")))) {
            midway++; // killed after it had recorded a stage of this round
          }
        } else {
          assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("repro-" + round + ".log")));
          finished++;
        }
        entries += assertConsistent(root);
        // probed without taking it over: the next jdvc run must see what the dead holder left (the time it took
        // the lock tells that run which .git/index.lock was the dead process's)
        if (lockLeftByDeadHolder(root.resolve(".dvc/tmp/jdvc.lock"))) {
          takeovers++;
        }
      }

      // what a kill during a run-cache restore leaves: the copy of an output under a temp name beside it, named
      // for a process that is gone (planted, as a random kill rarely lands in that instant)
      long gone = ProcessHandle.current().pid() + 1_000_000;
      Files.writeString(root.resolve(".total.txt.jdvc-" + gone + "-1.tmp"), "half a copy");
      CliRunner jdvc = new CliRunner(root);
      jdvc.ok("repro");
      entries += assertConsistent(root);
      assertNoTempFiles(root);
      CliResult again = jdvc.ok("repro");
      assertTrue(again.out().contains("Data and pipelines are up to date."), again.out());
      assertEquals("Data and pipelines are up to date.\n", jdvc.ok("status").out());
      System.out.printf("repro crash safety: a whole run %d ms; %d kill(s) (%d after recording a stage), %d run(s)"
          + " finished before the kill, %d stale lock(s) taken over, %d lock entr(ies) checked, 0 corrupt%n",
          wholeMs, kills, midway, finished, takeovers, entries);
      assertTrue(kills >= 3, "the budget allows several kills: " + kills);
    }
  }

  /** What stopping {@code repro} during a stage gave: jdvc's exit code and everything it printed. */
  private record Stopped(int exitCode, String output) {}

  /** Stops a {@code repro} of {@code root} once the stage's shell and its child wrote their pids to {@code pids}. */
  @FunctionalInterface
  private interface Stopper {
    Stopped stop(Path root, Path pids) throws Exception;
  }

  /** Ctrl-C (SIGINT) and a CI's SIGTERM sent to jdvc: the stage's processes end, jdvc exits with the signal's code. */
  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalDuringAStageCommandStopsItAndLeavesItsLockEntry(String signal, int exitCode) throws Exception {
    stopTheTotalStage(signal, exitCode, (root, pids) -> {
      Path log = tmp.resolve(signal + ".log");
      Process p = CrashSafetyIT.startAndWaitFor(root, log, () -> lines(pids) >= 2, "repro");
      assertTrue(p.isAlive(), "the stage is running: " + Files.readString(log));
      assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
      assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "jdvc ends on SIG" + signal);
      return new Stopped(p.exitValue(), Files.readString(log));
    });
  }

  /**
   * Ctrl-C typed at a terminal: the terminal sends SIGINT to the whole foreground process group, jdvc and the
   * stage's shell at once, so the command may die of it before jdvc hears of it. A python3 pseudo-terminal types it.
   */
  @Test
  void ctrlCAtATerminalStopsTheStageAndLeavesItsLockEntry() throws Exception {
    stopTheTotalStage("tty", 130, (root, pids) -> {
      Path script = Files.writeString(tmp.resolve("ctrl-c.py"), TERMINAL);
      List<String> command = new java.util.ArrayList<>(List.of("python3", script.toString(), pids.toString()));
      command.addAll(io.jdvc.testing.JdvcChild.command(root, "repro").command());
      Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(python.waitFor(90, java.util.concurrent.TimeUnit.SECONDS), out);
      String last = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
      assertTrue(last.startsWith("exit "), out);
      return new Stopped(Integer.parseInt(last.substring(5)), out);
    });
  }

  /** Runs jdvc under a pseudo-terminal, types Ctrl-C once the stage's pids are written, prints "exit CODE". */
  private static final String TERMINAL = String.join("\n",
      "import os, pty, select, signal, sys, time",
      "pids, argv = sys.argv[1], sys.argv[2:]",
      "pid, fd = pty.fork()",
      "if pid == 0:",
      "    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as a terminal's shell starts its jobs",
      "    os.execv(argv[0], argv)",
      "out, sent, deadline = b'', False, time.time() + 60",
      "while time.time() < deadline:",
      "    if select.select([fd], [], [], 0.1)[0]:",
      "        try:",
      "            data = os.read(fd, 4096)",
      "        except OSError:  # EIO: every process of the terminal is gone",
      "            break",
      "        if not data:",
      "            break",
      "        out += data",
      "    if not sent and os.path.exists(pids) and len(open(pids).read().split()) >= 2:",
      "        os.write(fd, b'\\x03')",
      "        sent = True",
      "else:",
      "    os.kill(pid, signal.SIGKILL)",
      "_, status = os.waitpid(pid, 0)",
      "sys.stdout.write(out.decode(errors='replace'))",
      "print('\\nexit', os.waitstatus_to_exitcode(status))",
      "");

  private void stopTheTotalStage(String name, int exitCode, Stopper stopper) throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve(name))) {
      Path root = setUp(repo);
      CliRunner jdvc = new CliRunner(root);
      jdvc.ok("repro");
      Files.writeString(root.resolve("dvc.yaml"), PIPELINE.replace("cmd: cat sums/* | sort > total.txt",
          "cmd: cat sums/* | sort > total.txt && echo $$ > pids && (sleep 60 & echo $! >> pids; wait)"));
      String totalBefore = stageEntry(root, "total");
      byte[] lockBefore = Files.readAllBytes(root.resolve("dvc.lock"));

      Path pids = root.resolve("pids");
      Stopped stopped = stopper.stop(root, pids);
      String log = stopped.output();
      assertEquals(exitCode, stopped.exitCode(), log);
      assertTrue(log.contains("interrupted while running stage 'total'"), log);
      assertEquals(totalBefore, stageEntry(root, "total"), "the interrupted stage keeps its old entry");
      assertEquals(new String(lockBefore), Files.readString(root.resolve("dvc.lock")), "no other stage ran after it");
      for (String pid : Files.readAllLines(pids)) {
        assertFalse(running(Long.parseLong(pid.trim())), "process " + pid + " of the stage outlived jdvc: " + log);
      }
      assertConsistent(root);
      assertNoTempFiles(root);
    }
  }

  /**
   * Alive and not a zombie: an orphan killed in a container whose init never reaps it stays a zombie, which runs
   * nothing.
   */
  private static boolean running(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false; // gone while we looked
    }
  }

  private static int lines(Path file) {
    try {
      return (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String stageEntry(Path root, String stage) throws IOException {
    LockFile lock = LockFile.parse("dvc.lock", Files.readAllBytes(root.resolve("dvc.lock")));
    return lock.stage(stage).orElseThrow().toString();
  }

  /** Kills the JVM and every process it started, at once, as kill -9 to the process group does. */
  private static void killTree(Process p) throws InterruptedException {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    p.waitFor();
    for (ProcessHandle c : children) {
      c.onExit().join();
    }
  }

  /**
   * dvc.lock parses; every output its stages name is in the cache, its manifest's files too, and each object
   * hashes to its name, as does every object in the cache; every run-cache entry hashes to its names. Returns how
   * many lock entries were checked.
   */
  /** Whether the repository lock is free at once while still naming a holder, which must then be dead. */
  private static boolean lockLeftByDeadHolder(Path lockFile) throws IOException {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock probe = ch.tryLock();
      assertNotNull(probe, "a killed repro's lock is free at once");
      probe.release();
    }
    String owner = Files.readString(lockFile).trim();
    if (owner.isEmpty()) {
      return false;
    }
    long pid = Long.parseLong(owner.split(" ")[0]);
    assertFalse(running(pid), "the holder named in the lock, " + pid + ", is dead");
    return true;
  }

  private static int assertConsistent(Path root) throws IOException {
    LocalCache cache = new LocalCache(root.resolve(".dvc/cache"));
    CrashSafetyIT.assertEveryObjectMatchesItsName(root.resolve(".dvc/cache/files/md5"));
    RunCache runs = new RunCache(cache);
    for (RunCache.Entry e : runs.list()) {
      LockedStageEntry run = RunCache.parse(e, Files.readAllBytes(runs.path(e)));
      assertEquals(e, RunCache.entryOf(run), "run-cache entry " + e.relativePath() + " is whole");
    }
    Path lockFile = root.resolve("dvc.lock");
    if (!Files.exists(lockFile)) {
      return 0;
    }
    LockFile lock = LockFile.parse("dvc.lock", Files.readAllBytes(lockFile));
    for (LockedStageEntry stage : lock.stages()) {
      for (LockEntry out : stage.outs()) {
        Oid oid = out.md5();
        assertNotNull(oid, stage.name() + ": " + out.path());
        assertTrue(cache.contains(oid), stage.name() + ": " + out.path() + " " + oid + " is in the cache");
        assertEquals(oid.md5(), FileHasher.hash(cache.pathOf(oid), false).value());
        if (oid.isDir()) {
          for (DirEntry f : new DirManifestCodec().decode(Files.readAllBytes(cache.pathOf(oid)), false).entries()) {
            assertTrue(cache.contains(f.md5()), stage.name() + ": " + out.path() + "/" + f.relpath());
          }
        }
      }
    }
    return lock.stages().size();
  }

  /** No temp file of jdvc's anywhere in the workspace or the cache. */
  private static void assertNoTempFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> temps = s.filter(p -> !p.startsWith(root.resolve(".git")))
          .filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
      assertEquals(List.of(), temps);
    }
  }
}
