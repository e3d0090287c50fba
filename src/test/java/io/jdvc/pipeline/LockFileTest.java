package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import io.jdvc.pointer.CorruptDvcFileException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockFileTest {
  private static LockFile parse(String text) {
    return LockFile.parse("sub/dvc.lock", text.getBytes(StandardCharsets.UTF_8));
  }

  private static CorruptDvcFileException refused(String text) {
    return assertThrows(CorruptDvcFileException.class, () -> parse(text));
  }

  @Test
  void readsEntriesAndParamsWithTheirYamlTypes() throws IOException {
    LockFile lock = LockFile.parse("dvc.lock", Files.readAllBytes(LockFileWriterTest.DIR.resolve("new-train.lock")));
    assertFalse(lock.legacyFormat());
    LockedStageEntry train = lock.stage("train").orElseThrow();
    assertEquals("python src/train.py --lr 0.2", train.cmd());
    LockEntry features = train.dep("data/features").orElseThrow();
    assertEquals(Oid.parse("5369cb520f35f5d77e793cf181884a27.dir"), features.md5());
    assertEquals(2L, features.nfiles());
    LockEntry legacy = train.dep("legacy.csv").orElseThrow();
    assertTrue(legacy.legacy());
    assertTrue(legacy.md5().legacy(), "an entry without hash: is md5-dos2unix");
    LockEntry exec = train.out("bin/run.sh").orElseThrow();
    assertTrue(exec.isexec());
    assertEquals("00000000000000000000000000000123", exec.md5().value());
    Map<String, Object> p = train.params().get("params.yaml");
    assertEquals(0.2, p.get("train.lr"));
    assertEquals(1e-5, p.get("train.tiny"));
    assertEquals(new BigInteger("12345678901234567890123"), p.get("train.big"));
    assertEquals(-7L, p.get("train.neg"));
    assertEquals(Double.POSITIVE_INFINITY, p.get("train.inf"));
    assertTrue(((Double) p.get("train.nan")).isNaN());
    assertEquals(true, p.get("train.on"));
    assertTrue(p.containsKey("train.none"));
    assertNull(p.get("train.none"));
    assertEquals("yes", p.get("train.name"));
    assertEquals("1.5", p.get("train.version"));
    assertEquals(Arrays.asList(1L, 2.5, "three", null, List.of(4L, 5L)), p.get("train.list"));
    assertEquals(List.of("z", "a", "m"), List.copyOf(((Map<?, ?>) p.get("train.dict")).keySet()));
    assertEquals(List.of("params.yaml", "a.toml", "other.json"), List.copyOf(train.params().keySet()));
  }

  @Test
  void readsAListCommand() throws IOException {
    LockFile lock = LockFile.parse("dvc.lock", Files.readAllBytes(LockFileWriterTest.DIR.resolve("new-listcmd.lock")));
    assertEquals(List.of("python prepare.py data.xml", "echo first line\necho second line", "rm -f \"tmp file\""),
        lock.stage("prepare").orElseThrow().cmd());
  }

  @Test
  void readsADvc1LockWithStagesAtTheTop() throws IOException {
    LockFile lock = LockFile.parse("dvc.lock", Files.readAllBytes(LockFileWriterTest.DIR.resolve("v1.lock")));
    assertTrue(lock.legacyFormat());
    assertEquals(List.of("prepare", "train"), lock.stages().stream().map(LockedStageEntry::name).toList());
    assertTrue(lock.stage("train").orElseThrow().outs().get(0).md5().legacy());
  }

  @Test
  void anEmptyFileHasNoStages() {
    assertEquals(List.of(), parse("").stages());
    assertEquals(List.of(), parse("schema: '2.0'\n").stages());
  }

  @Test
  void refusesWhatDvcsSchemaRefusesNamingTheLine() {
    assertEquals("sub/dvc.lock:1: invalid schema version (expected '2.0', quoted)",
        refused("schema: 2.0\nstages: {}\n").getMessage());
    assertEquals(4, refused("schema: '2.0'\nstages:\n  s:\n    command: x\n").line());
    assertEquals(3, refused("schema: '2.0'\nstages:\n  s:\n    deps: []\n").line(), "cmd is required");
    assertEquals(7, refused("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    outs:\n    - path: o\n      persist: true\n")
        .line());
    assertEquals(6, refused("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    outs:\n    - md5: abc\n").line());
    assertEquals(7, refused("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    outs:\n    - path: o\n      size: -1\n")
        .line());
    assertEquals(7, refused("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    outs:\n    - path: o\n      md5: xyz\n")
        .line());
    assertEquals(4, refused("schema: '2.0'\nstages:\n  s:\n    cmd: 12\n").line());
    assertEquals(3, refused("schema: '2.0'\nstages:\n  s: [a]\n").line());
    assertEquals(3, refused("schema: '2.0'\nstages: {}\nextra: 1\n").line());
    assertEquals(2, refused("schema: '2.0'\nstages: {a: [}\n").line());
    assertThrows(CorruptDvcFileException.class,
        () -> LockFile.parse("dvc.lock", new byte[] {'s', ':', ' ', (byte) 0xff}));
  }
}
