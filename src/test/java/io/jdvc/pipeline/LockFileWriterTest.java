package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte equality with what ruamel.yaml writes under DVC's settings, for the cases of
 * testdata/pipeline/lock/cases.tsv (expected files made by generate.py there).
 */
class LockFileWriterTest {
  static final Path DIR = Path.of("testdata/pipeline/lock");
  private final LockFileWriter writer = new LockFileWriter();

  @TestFactory
  Stream<DynamicTest> writesWhatDvcWrites() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve("cases.tsv"))) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      tests.add(DynamicTest.dynamicTest(String.join(" ", f), () -> {
        byte[] before = f[1].equals("-") ? null : Files.readAllBytes(DIR.resolve(f[1]));
        byte[] actual = f[0].equals("set") ? writer.withStage(before, stageFrom(f[2])) : writer.withoutStage(before, f[2]);
        if (f[3].equals("-")) {
          assertNull(actual);
        } else {
          assertEquals(Files.readString(DIR.resolve(f[3])), new String(actual, StandardCharsets.UTF_8));
        }
      }));
    }
    return tests.stream();
  }

  /** A stage file holds one stage at the top level, which the reader takes for a DVC 1.x lock. */
  static LockedStageEntry stageFrom(String file) throws IOException {
    LockFile lock = LockFile.parse(file, Files.readAllBytes(DIR.resolve(file)));
    assertEquals(1, lock.stages().size());
    return lock.stages().get(0);
  }

  @Test
  void anAbsentStageLeavesTheBytesAlone() throws IOException {
    byte[] before = Files.readAllBytes(DIR.resolve("three-stages.lock"));
    assertSame(before, writer.withoutStage(before, "nope"));
  }

  @Test
  void rewritingAStageDvcWroteChangesNothing() throws IOException {
    byte[] before = Files.readAllBytes(DIR.resolve("new-train.lock"));
    LockedStageEntry train = LockFile.parse("dvc.lock", before).stage("train").orElseThrow();
    assertArrayEquals(before, writer.withStage(before, train));
  }

  @Test
  void anEmptyFileGetsTheSchemaLine() {
    LockedStageEntry s = new LockedStageEntry("s", "echo", List.of(), Map.of(),
        List.of(LockEntry.of("o", Oid.parse("b1946ac92492d2347c6235b4d2611184"), 6L, null, false)));
    String expected = "schema: '2.0'\nstages:\n  s:\n    cmd: echo\n    outs:\n    - path: o\n      hash: md5\n"
        + "      md5: b1946ac92492d2347c6235b4d2611184\n      size: 6\n";
    assertEquals(expected, new String(writer.withStage(new byte[0], s), StandardCharsets.UTF_8));
    for (String nothing : List.of("{}\n", "# nothing yet\n", "schema: '2.0'\n")) {
      assertEquals(expected, new String(writer.withStage(nothing.getBytes(StandardCharsets.UTF_8), s),
          StandardCharsets.UTF_8), nothing);
    }
  }
}
