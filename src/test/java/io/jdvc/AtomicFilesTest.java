package io.jdvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void tempNamesOfTheLongestNamesFitTheLimitAndKeepTheirSuffix() throws Exception {
    // 1-, 2-, 3- and 4-byte characters: the cut never splits one
    for (String unit : new String[] {"n", "é", "€", "😀"}) {
      String name = unit.repeat(255 / unit.getBytes(StandardCharsets.UTF_8).length);
      Path temp = AtomicFiles.tempBeside(tmp.resolve(name), ".jdvc-123-45.tmp");
      String tempName = temp.getFileName().toString();
      assertTrue(tempName.getBytes(StandardCharsets.UTF_8).length <= 255, tempName);
      assertTrue(tempName.startsWith("." + unit) && tempName.endsWith(".jdvc-123-45.tmp"), tempName);
      assertEquals(tmp, temp.getParent());
      Files.createFile(temp); // the file system accepts it
    }
  }

  @Test
  void shortNamesAreKeptWhole() {
    assertEquals(".a.txt.x.tmp", AtomicFiles.tempBeside(tmp.resolve("a.txt"), ".x.tmp").getFileName().toString());
  }

  @Test
  void writeReplacesAFileWithALongNameAndLeavesNoTemp() throws Exception {
    Path target = tmp.resolve("é".repeat(127) + "n");
    AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
    assertTrue(AtomicFiles.writeIfChanged(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8))));
    assertEquals("two", Files.readString(target));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void tempsOfKilledWritersAreRemovedAndOthersKept() throws Exception {
    long dead = ProcessHandle.current().pid() + 1_000_000;
    String uuid = java.util.UUID.randomUUID().toString();
    Path stale = tmp.resolve(".dvc.lock." + dead + "-" + uuid + ".tmp");
    Path live = tmp.resolve(".dvc.lock." + ProcessHandle.current().pid() + "-" + uuid + ".tmp");
    Path foreign = tmp.resolve(".other.tmp");
    for (Path p : java.util.List.of(stale, live, foreign)) {
      java.nio.file.Files.writeString(p, "half");
    }
    assertEquals(1, AtomicFiles.removeStaleTemps(tmp));
    assertTrue(java.nio.file.Files.notExists(stale));
    assertTrue(java.nio.file.Files.exists(live) && java.nio.file.Files.exists(foreign));
    assertEquals(0, AtomicFiles.removeStaleTemps(tmp.resolve("missing")));
    // what a write leaves behind while it runs carries this process's pid
    AtomicFiles.write(tmp.resolve("x.txt"), new byte[] {1});
    assertEquals(1, java.nio.file.Files.readAllBytes(tmp.resolve("x.txt")).length);
  }
}
