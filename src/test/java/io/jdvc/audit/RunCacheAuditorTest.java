package io.jdvc.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.cache.LocalCache;
import io.jdvc.pipeline.RunCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-cache files of testdata/pipeline/runcache, filed under the key and value DVC computed for them
 * (keys.tsv), audit as sound: an audit must never call an entry DVC wrote corrupt. The same bytes under another
 * name, or changed, are corrupt.
 */
class RunCacheAuditorTest {
  private static final Path FIXTURES = Path.of("testdata/pipeline/runcache");

  @TempDir Path tmp;

  /** Each fixture's file at DVC's path in a fresh cache; returns the entries, in keys.tsv's order. */
  private List<RunCache.Entry> fileFixtures(LocalCache cache) throws IOException {
    RunCache runs = new RunCache(cache);
    List<RunCache.Entry> entries = new java.util.ArrayList<>();
    for (String row : Files.readAllLines(FIXTURES.resolve("keys.tsv"))) {
      if (row.startsWith("#")) {
        continue;
      }
      String[] f = row.split("\t");
      RunCache.Entry e = new RunCache.Entry(f[1], f[2]);
      Files.createDirectories(runs.path(e).getParent());
      Files.copy(FIXTURES.resolve(f[0].replace(".yaml", ".runcache.yaml")), runs.path(e));
      entries.add(e);
    }
    return entries;
  }

  @Test
  void entriesDvcWroteAreVerified() throws IOException {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    List<RunCache.Entry> entries = fileFixtures(cache);
    List<RunCacheAuditor.Checked> checked = new RunCacheAuditor(cache, List.of(), false).check(1);
    assertEquals(4, checked.size());
    for (RunCacheAuditor.Checked c : checked) {
      assertTrue(entries.contains(c.entry()), c.entry().toString());
      assertEquals(Map.of(Auditor.CACHE, StoreState.VERIFIED), c.states(), c.problems().toString());
      assertEquals(List.of(), c.problems());
      assertNotNull(c.run());
    }
  }

  @Test
  void aChangedOrMisfiledEntryIsCorrupt() throws IOException {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    List<RunCache.Entry> entries = fileFixtures(cache);
    RunCache runs = new RunCache(cache);
    Path train = runs.path(entries.get(3));
    // a dependency's hash changed: what a forged entry claiming other inputs would look like
    Files.writeString(train, Files.readString(train).replaceFirst("md5: [0-9a-f]{32}",
        "md5: 0123456789abcdef0123456789abcdef"));
    Path misfiled = runs.path(new RunCache.Entry(entries.get(0).key(), "f".repeat(64)));
    Files.copy(runs.path(entries.get(1)), misfiled);

    List<RunCacheAuditor.Checked> checked = new RunCacheAuditor(cache, List.of(), false).check(1);
    assertEquals(5, checked.size());
    for (RunCacheAuditor.Checked c : checked) {
      boolean bad = c.entry().equals(entries.get(3)) || runs.path(c.entry()).equals(misfiled);
      assertEquals(bad ? StoreState.CORRUPT : StoreState.VERIFIED, c.states().get(Auditor.CACHE),
          c.entry() + " " + c.problems());
      if (bad) {
        assertNull(c.run(), "a corrupt entry names no outputs to trust");
        assertTrue(c.problems().get(0).startsWith("cache: its command, dependencies and params hash to key ")
            || c.problems().get(0).startsWith("cache: its content hashes to "), c.problems().toString());
      }
    }
  }
}
