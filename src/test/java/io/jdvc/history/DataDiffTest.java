package io.jdvc.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.history.DataChanges.Change;
import io.jdvc.history.DataChanges.Rename;
import io.jdvc.hash.Md5;
import io.jdvc.object.Oid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataDiffTest {
  private static final RecordedOutput OUT = new RecordedOutput("d.dvc", null, "d", null, null, null, true);

  private static Oid oid(String content) {
    return Oid.parse(Md5.hex(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<DataFile> files(String... pathAndContent) {
    List<DataFile> out = new ArrayList<>();
    for (int i = 0; i < pathAndContent.length; i += 2) {
      out.add(new DataFile(pathAndContent[i], oid(pathAndContent[i + 1]), OUT));
    }
    out.sort(DataFiles.BY_PATH);
    return out;
  }

  @Test
  void addedDeletedModifiedAndRenamed() {
    DataChanges c = DataDiff.compare(files("d/a", "1", "d/b", "2", "d/c", "3"),
        files("d/a", "1x", "d/b2", "2", "d/e", "5"));
    assertEquals(List.of(new Change("d/e", null, oid("5"))), c.added());
    assertEquals(List.of(new Change("d/c", oid("3"), null)), c.deleted());
    assertEquals(List.of(new Change("d/a", oid("1"), oid("1x"))), c.modified());
    assertEquals(List.of(new Rename("d/b", "d/b2", oid("2"))), c.renamed());
  }

  @Test
  void duplicateContentPairsInPathOrder() {
    DataChanges c = DataDiff.compare(files("d/x1", "same", "d/x2", "same"),
        files("d/y1", "same", "d/y2", "same", "d/y3", "same"));
    assertEquals(List.of(new Rename("d/x1", "d/y1", oid("same")), new Rename("d/x2", "d/y2", oid("same"))),
        c.renamed());
    assertEquals(List.of(new Change("d/y3", null, oid("same"))), c.added());
    assertTrue(c.deleted().isEmpty());
  }

  @Test
  void usesPythonPathOrderSoMergeSeesSortedInput() {
    // '-' < '.' < '/' < '0': a naive tree order would put "a/b" before "a-b" and break the merge
    DataChanges c = DataDiff.compare(files("a-b", "1", "a.txt", "2", "a/b", "3", "a0", "4"),
        files("a-b", "1", "a.txt", "2", "a/b", "3", "a0", "4"));
    assertTrue(c.isEmpty());
  }

  @Test
  void aMillionEntriesDiffInSeconds() {
    int n = 1_000_000;
    List<DataFile> a = new ArrayList<>(n);
    List<DataFile> b = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String path = "d/f" + i;
      Oid o = Oid.parse(String.format("%032x", i));
      a.add(new DataFile(path, o, OUT));
      b.add(new DataFile(path, i % 1000 == 0 ? Oid.parse(String.format("%032x", i + n)) : o, OUT));
    }
    long t0 = System.nanoTime();
    a.sort(DataFiles.BY_PATH);
    b.sort(DataFiles.BY_PATH);
    DataChanges c = DataDiff.compare(a, b);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(1000, c.modified().size());
    // a generous bound: this documents the complexity, it is not a benchmark
    assertTrue(ms < 20_000, "took " + ms + " ms");
  }
}
