package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a jdvc running a stage (as Ctrl-C's SIGINT) ends the stage's process tree; nothing is recorded. */
class StageRunnerSignalIT {
  @TempDir Path dir;

  /** A caller in a JVM of its own: runs one stage, then records it, as repro writes dvc.lock. */
  public static final class Caller {
    public static void main(String[] args) throws IOException {
      Path dir = Path.of(args[0]);
      String command = "python3 -c \"import subprocess, time, os; p = subprocess.Popen(['sleep', '300']); "
          + "open('pids.tmp', 'w').write(f'{os.getpid()} {p.pid}'); os.rename('pids.tmp', 'pids'); "
          + "time.sleep(300)\"; echo after > after";
      new StageRunner(dir).shell("/bin/sh").run("train", List.of(command), dir);
      Files.writeString(dir.resolve("recorded"), "the stage succeeded");
    }
  }

  @Test
  void terminatingJdvcEndsTheCommandTreeAndRecordsNothing() throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Caller.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
    try {
      Path pidsFile = dir.resolve("pids");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!Files.exists(pidsFile)) {
        assertTrue(System.nanoTime() < deadline && jvm.isAlive(), "the stage started: "
            + (Files.exists(dir.resolve("jvm.log")) ? Files.readString(dir.resolve("jvm.log")) : ""));
        Thread.sleep(20);
      }
      List<Long> pids = Arrays.stream(Files.readString(pidsFile).trim().split(" ")).map(Long::parseLong).toList();
      jvm.destroy(); // SIGTERM: shutdown hooks run
      assertTrue(jvm.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
      assertEquals(143, jvm.exitValue());
      for (long pid : pids) {
        assertFalse(ProcessHandle.of(pid).map(ChildProcesses::running).orElse(false), "process " + pid + " ended");
      }
      assertFalse(Files.exists(dir.resolve("after")), "the shell did not go on");
      assertFalse(Files.exists(dir.resolve("recorded")), "the caller recorded nothing");
    } finally {
      jvm.destroyForcibly();
    }
  }
}
