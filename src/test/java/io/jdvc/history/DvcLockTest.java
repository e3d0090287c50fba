package io.jdvc.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DvcLockTest {
  private static final String LOCK = """
      schema: '2.0'
      stages:
        train:
          cmd: python train.py
          deps:
          - path: data
            hash: md5
            md5: 5369cb520f35f5d77e793cf181884a27.dir
            size: 12
            nfiles: 2
          params:
            params.yaml:
              lr: 0.01
          outs:
          - path: ./model.pkl
            hash: md5
            md5: b1946ac92492d2347c6235b4d2611184
            size: 6
          - path: legacy.bin
            md5: 11111111111111111111111111111111
            cache: false
      """;

  @Test
  void readsStagesWithRepoRelativePaths() {
    DvcLock lock = DvcLock.parse("ml/dvc.lock", LOCK.getBytes(StandardCharsets.UTF_8));
    LockedStage s = lock.stages().get(0);
    assertEquals("train", s.name());
    assertEquals("python train.py", s.cmd());
    assertEquals("ml/data", s.deps().get(0).path());
    assertTrue(s.deps().get(0).oid().isDir());
    assertEquals(0.01, s.params().get("params.yaml").get("lr"));
    RecordedOutput model = s.outs().get(0);
    assertEquals("ml/model.pkl", model.path());
    assertEquals("ml/dvc.lock", model.pointerPath());
    assertEquals("train", model.stage());
    assertEquals(6L, model.size());
    RecordedOutput legacy = s.outs().get(1);
    assertTrue(legacy.oid().legacy(), "no hash: key means md5-dos2unix");
    assertTrue(!legacy.cached() && !legacy.hasData());
  }

  @Test
  void allDigitMd5KeepsItsLeadingZeros() {
    DvcLock lock = DvcLock.parse("dvc.lock", ("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    outs:\n"
        + "    - path: o\n      hash: md5\n      md5: 01234567890123456789012345678901\n").getBytes(
            StandardCharsets.UTF_8));
    assertEquals("01234567890123456789012345678901", lock.outs().get(0).oid().value());
  }

  @Test
  void emptyAndBrokenFiles() {
    assertEquals(List.of(), DvcLock.parse("dvc.lock", new byte[0]).stages());
    assertThrows(JdvcException.class, () -> DvcLock.parse("dvc.lock", "[1, 2".getBytes(StandardCharsets.UTF_8)));
    assertThrows(JdvcException.class, () -> DvcLock.parse("dvc.lock", "- a\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void uncachedOutputsComeFromDvcYamlBecauseDvcLockDoesNotRecordTheFlag() {
    String yaml = String.join("\n", "stages:", "  train:", "    cmd: python train.py", "    outs:", "    - model.pkl",
        "    - log.txt:", "        cache: false", "    metrics:", "    - scores.json:", "        cache: false",
        "  many:", "    foreach: [a, b]", "    do:", "      cmd: echo", "      plots:", "      - p.csv:",
        "          cache: false", "");
    assertEquals(java.util.Set.of("sub/log.txt", "sub/scores.json", "sub/p.csv"),
        DvcLock.uncachedOutputs("sub/dvc.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    assertEquals(java.util.Set.of(), DvcLock.uncachedOutputs("dvc.yaml", "stages: [".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void pointerPathsAreRecognised() {
    assertTrue(PointerFiles.isPointer("data.dvc"));
    assertTrue(PointerFiles.isPointer("a/b/dvc.lock"));
    assertTrue(!PointerFiles.isPointer(".dvc/config"));
    assertTrue(!PointerFiles.isPointer(".dvc"));
    assertTrue(!PointerFiles.isPointer("x/dvc.lock.bak"));
  }

  @Test
  void pathsOfAStageWithWdirAreTakenRelativeToItAsDvcWritesThem() {
    String yaml = String.join("\n", "stages:", "  train:", "    wdir: src", "    cmd: python train.py",
        "    outs: [../models/model.pkl, log.txt]", "  many:", "    foreach: [a, b]", "    do:", "      wdir: jobs",
        "      cmd: echo", "      outs:", "      - ${item}.txt", "");
    String lock = String.join("\n", "schema: '2.0'", "stages:", "  train:", "    cmd: python train.py", "    outs:",
        "    - path: ../models/model.pkl", "      md5: b1946ac92492d2347c6235b4d2611184", "    - path: log.txt",
        "      md5: b1946ac92492d2347c6235b4d2611185", "  many@a:", "    cmd: echo", "    outs:", "    - path: a.txt",
        "      md5: b1946ac92492d2347c6235b4d2611186", "");
    DvcLock parsed = DvcLock.parse("ml/dvc.lock", lock.getBytes(StandardCharsets.UTF_8),
        yaml.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("ml/models/model.pkl", "ml/src/log.txt", "ml/jobs/a.txt"),
        parsed.outs().stream().map(RecordedOutput::path).toList());
    // without the dvc.yaml (not at that revision) paths stay relative to the lock's directory
    assertEquals("ml/log.txt", DvcLock.parse("ml/dvc.lock", lock.getBytes(StandardCharsets.UTF_8), null).outs()
        .get(1).path());
  }
}
