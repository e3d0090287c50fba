package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** How failures without a jdvc message of their own are put to the user. */
class ErrorReporterTest {
  @Test
  void aFullDiskIsNamedWithTheFileAndAHint() {
    FileSystemException full = new FileSystemException("/data/.dvc/cache/files/md5/.42-1.tmp", null,
        "No space left on device");
    assertEquals("disk full while writing /data/.dvc/cache/files/md5/.42-1.tmp", ErrorReporter.describe(full));
    assertTrue(ErrorReporter.hint(full).startsWith("free some space"), ErrorReporter.hint(full));

    IOException plain = new IOException("No space left on device"); // as FileChannel.write reports it
    assertEquals("disk full", ErrorReporter.describe(plain));
    assertTrue(ErrorReporter.hint(plain).startsWith("free some space"));
  }

  @Test
  void otherFileSystemErrorsKeepTheirReason() {
    FileSystemException ro = new FileSystemException("/ro/.dvc/tmp", null, "Read-only file system");
    assertEquals("cannot access /ro/.dvc/tmp - Read-only file system", ErrorReporter.describe(ro));
    assertEquals(null, ErrorReporter.hint(ro));
  }

  @Test
  void aStageStoppedByAnInterruptExitsWith130AndSaysWhichStage() {
    picocli.CommandLine cmd = Main.newCommandLine();
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setErr(new java.io.PrintWriter(err, true));
    int code = new ErrorReporter().handleExecutionException(
        new io.jdvc.pipeline.StageInterruptedException("train", "python train.py"), cmd, cmd.parseArgs("dag"));
    assertEquals(ExitCode.INTERRUPTED, code);
    assertTrue(err.toString().startsWith("ERROR: interrupted while running stage 'train' (command 'python train.py')"),
        err.toString());
    assertTrue(err.toString().contains("\nhint: "), err.toString());
  }
}
