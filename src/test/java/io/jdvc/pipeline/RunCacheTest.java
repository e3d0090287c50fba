package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.cache.LocalCache;
import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.manifest.DirManifestCodec;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCacheTest {
  private static final Path FIXTURES = Path.of("testdata/pipeline/runcache");

  @TempDir
  Path tmp;

  @Test
  void keysValuesAndFilesAreDvcs() throws IOException {
    List<String> rows = Files.readAllLines(FIXTURES.resolve("keys.tsv"));
    int checked = 0;
    for (String row : rows) {
      if (row.startsWith("#")) {
        continue;
      }
      String[] f = row.split("\t");
      LockedStageEntry stage = LockFileWriterTest.stageFrom(f[0]);
      assertEquals(f[1], RunCache.key(stage), "key of " + f[0]);
      assertEquals(f[2], RunCache.value(stage), "value of " + f[0]);
      assertEquals(Files.readString(FIXTURES.resolve(f[0].replace(".yaml", ".runcache.yaml"))),
          new String(RunCache.fileContent(stage), StandardCharsets.UTF_8));
      checked++;
    }
    assertEquals(4, checked);
  }

  @Test
  void theKeyIgnoresOutputHashesAndSizes() throws IOException {
    LockedStageEntry stage = LockFileWriterTest.stageFrom("stage-featurize-v2.yaml");
    LockedStageEntry pathsOnly = new LockedStageEntry(stage.name(), stage.cmd(), stage.deps(), stage.params(),
        stage.outs().stream().map(o -> new LockEntry(o.path(), null, null, null, null, false, null)).toList());
    assertEquals(RunCache.key(stage), RunCache.key(pathsOnly));
    LockedStageEntry otherParam = new LockedStageEntry(stage.name(), stage.cmd(), stage.deps(),
        Map.of("params.yaml", Map.of("featurize.max_features", 200L, "featurize.ngrams", 3L)), stage.outs());
    assertFalse(RunCache.key(stage).equals(RunCache.key(otherParam)));
  }

  @Test
  void savedRunIsFoundOnlyWhileItsOutputsAreCached() throws IOException {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    RunCache runs = new RunCache(cache);
    byte[] model = "model".getBytes(StandardCharsets.UTF_8);
    Oid modelOid = Oid.parse(DigestUtils.md5Hex(model));
    byte[] part = "part".getBytes(StandardCharsets.UTF_8);
    Oid partOid = Oid.parse(DigestUtils.md5Hex(part));
    DirManifestCodec codec = new DirManifestCodec();
    DirManifest manifest = new DirManifest(List.of(new DirEntry("a.txt", partOid)));
    Oid dirOid = codec.dirOid(manifest);
    LockedStageEntry run = new LockedStageEntry("train", "python train.py",
        List.of(LockEntry.of("train.py", Oid.parse("1234567890abcdef1234567890abcdef"), 10L, null, false)),
        Map.of("params.yaml", Map.of("lr", 0.1)),
        List.of(LockEntry.of("model.pkl", modelOid, 5L, null, false), LockEntry.of("parts", dirOid, 4L, 1L, false)));
    assertTrue(runs.save(run));
    assertFalse(runs.save(run), "the same run is recorded once");
    RunCache.Entry entry = RunCache.entryOf(run);
    assertEquals(List.of(entry), runs.list());
    assertEquals("runs/" + entry.key().substring(0, 2) + "/" + entry.key() + "/" + entry.value(),
        entry.relativePath());
    assertTrue(Files.isRegularFile(tmp.resolve("cache").resolve(entry.relativePath())));

    LockedStageEntry query = new LockedStageEntry("train", "python train.py", run.deps(), run.params(),
        List.of(new LockEntry("model.pkl", null, null, null, null, false, null),
            new LockEntry("parts", null, null, null, null, false, null)));
    assertEquals(Optional.empty(), runs.lookup(query), "outputs not in the cache: not restorable");
    cache.insertBytes(modelOid, model);
    cache.insertBytes(dirOid, codec.encode(manifest));
    assertEquals(Optional.empty(), runs.lookup(query), "a directory's files must be cached too");
    cache.insertBytes(partOid, part);
    assertEquals(Optional.of(run), runs.lookup(query));

    LockedStageEntry otherDep = new LockedStageEntry("train", "python train.py",
        List.of(LockEntry.of("train.py", Oid.parse("0000000000000000000000000000000f"), 10L, null, false)),
        run.params(), query.outs());
    assertEquals(Optional.empty(), runs.lookup(otherDep));
  }

  @Test
  void theNewestRunWinsAndACorruptOneIsDropped() throws IOException {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    RunCache runs = new RunCache(cache);
    byte[] a = "a".getBytes(StandardCharsets.UTF_8);
    byte[] b = "b".getBytes(StandardCharsets.UTF_8);
    Oid aOid = Oid.parse(DigestUtils.md5Hex(a));
    Oid bOid = Oid.parse(DigestUtils.md5Hex(b));
    cache.insertBytes(aOid, a);
    cache.insertBytes(bOid, b);
    List<LockEntry> deps = List.of(LockEntry.of("in", Oid.parse("1234567890abcdef1234567890abcdef"), 1L, null,
        false));
    LockedStageEntry first = new LockedStageEntry("s", "random > out", deps, Map.of(),
        List.of(LockEntry.of("out", aOid, 1L, null, false)));
    LockedStageEntry second = new LockedStageEntry("s", "random > out", deps, Map.of(),
        List.of(LockEntry.of("out", bOid, 1L, null, false)));
    runs.save(first);
    runs.save(second);
    Files.setLastModifiedTime(runs.path(RunCache.entryOf(first)), FileTime.fromMillis(1_000_000));
    assertEquals(Optional.of(second), runs.lookup(first));
    Files.writeString(runs.path(RunCache.entryOf(second)), "cmd: [\n");
    assertEquals(Optional.of(first), runs.load(RunCache.entryOf(first), "s"));
    assertEquals(Optional.empty(), runs.lookup(first), "DVC looks at the newest only; corrupt, it is deleted");
    assertFalse(Files.exists(runs.path(RunCache.entryOf(second))));
  }

  @Test
  void stagesDvcWouldNotCache() {
    Oid oid = Oid.parse("1234567890abcdef1234567890abcdef");
    List<LockEntry> deps = List.of(LockEntry.of("in", oid, 1L, null, false));
    List<LockEntry> outs = List.of(LockEntry.of("out", oid, 1L, null, false));
    LockedStageEntry ok = new LockedStageEntry("s", "cmd", deps, Map.of(), outs);
    assertEquals(Optional.empty(), RunCache.ineligibility(ok, false, false));
    assertTrue(RunCache.ineligibility(ok, true, false).isPresent(), "always_changed");
    assertTrue(RunCache.ineligibility(ok, false, true).isPresent(), "persist");
    assertTrue(RunCache.ineligibility(new LockedStageEntry("s", "cmd", List.of(), Map.of(), outs), false, false)
        .isPresent(), "no deps");
    assertEquals(Optional.empty(), RunCache.ineligibility(
        new LockedStageEntry("s", "cmd", List.of(), Map.of("params.yaml", Map.of("a", 1L)), outs), false, false),
        "params count as dependencies");
    assertTrue(RunCache.ineligibility(new LockedStageEntry("s", "cmd", deps, Map.of(), List.of()), false, false)
        .isPresent(), "no outs");
    assertTrue(RunCache.ineligibility(new LockedStageEntry("s", "cmd",
        List.of(new LockEntry("in", "md5", null, null, null, false, null)), Map.of(), outs), false, false)
        .isPresent(), "a dependency without a hash");
    assertTrue(RunCache.ineligibility(new LockedStageEntry("s", "cmd", deps, Map.of(),
        List.of(LockEntry.of("../out", oid, 1L, null, false))), false, false).isPresent(), "outside the repo");
  }
}
