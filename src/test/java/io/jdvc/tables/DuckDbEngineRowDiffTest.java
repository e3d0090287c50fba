package io.jdvc.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The row diff by key: added, removed, modified and unchanged rows and modified cells per column, counted here. */
class DuckDbEngineRowDiffTest {
  @TempDir Path tmp;

  /**
   * Rows removed and added, two columns changed in overlapping rows (a row with two changed cells is one modified
   * row), nulls appearing and disappearing, a null on both sides left alone.
   */
  @Test
  void rowsAndCellsByKey() throws Exception {
    StringBuilder before = new StringBuilder("id,a,s,n\n");
    StringBuilder after = new StringBuilder("id,a,s,n\n");
    for (int id = 0; id < 100; id++) {
      String n = id >= 30 && id <= 32 || id == 40 ? "" : Integer.toString(id % 7);
      before.append(id).append(',').append(id * 0.5).append(",s").append(id % 9).append(',').append(n).append('\n');
      if (id < 5) {
        continue; // removed
      }
      double a = id >= 10 && id < 20 ? id * 0.5 + 1 : id * 0.5;
      String s = id >= 15 && id < 25 ? "t" + id : "s" + id % 9;
      String n2 = id >= 30 && id <= 32 ? "1" : id == 33 ? "" : n;
      after.append(id).append(',').append(a).append(',').append(s).append(',').append(n2).append('\n');
    }
    after.append("1000,1.5,s1,1\n1001,2.5,s2,\n1002,3.5,s3,3\n");

    RowDiff d = diff(before, after, List.of("id"));

    assertEquals(3, d.added());
    assertEquals(5, d.removed());
    assertEquals(19, d.modified()); // ids 10-24 (a, s or both) and 30-33 (n)
    assertEquals(95 - 19, d.unchanged());
    assertEquals(Map.of("a", 10L, "s", 10L, "n", 4L), d.modifiedCells());
  }

  /** More columns than one mask holds: a change in the 66th compared column counts too; the key has two columns. */
  @Test
  void wideTablesAndCompositeKeys() throws Exception {
    int width = DuckDbEngine.MASK_BITS + 8;
    StringBuilder header = new StringBuilder("k1,k2");
    for (int c = 0; c < width; c++) {
      header.append(",c").append(c);
    }
    StringBuilder before = new StringBuilder(header).append('\n');
    StringBuilder after = new StringBuilder(header).append('\n');
    for (int row = 0; row < 40; row++) {
      before.append(row % 4).append(',').append(row / 4);
      after.append(row % 4).append(',').append(row / 4);
      for (int c = 0; c < width; c++) {
        int v = row * 1000 + c;
        before.append(',').append(v);
        boolean changed = c == 65 && row < 3 || c == 1 && row >= 2 && row < 4;
        after.append(',').append(changed ? v + 1 : v);
      }
      before.append('\n');
      after.append('\n');
    }

    RowDiff d = diff(before, after, List.of("k1", "k2"));

    assertEquals(0, d.added());
    assertEquals(0, d.removed());
    assertEquals(4, d.modified()); // rows 0-3: row 2 has both cells changed
    assertEquals(36, d.unchanged());
    assertEquals(Map.of("c65", 3L, "c1", 2L), d.modifiedCells());
  }

  /** A table of key columns only: rows are added, removed or unchanged, never modified; null keys match nothing. */
  @Test
  void keyColumnsOnly() throws Exception {
    RowDiff d = diff("id\n1\n2\n3\n\n", "id\n2\n3\n4\n5\n\n", List.of("id"));

    assertEquals(3, d.added()); // 4, 5 and the null key
    assertEquals(2, d.removed()); // 1 and the null key
    assertEquals(0, d.modified());
    assertEquals(2, d.unchanged());
    assertEquals(Map.of(), d.modifiedCells());
  }

  private RowDiff diff(CharSequence before, CharSequence after, List<String> key) throws Exception {
    Path a = tmp.resolve("before.csv");
    Path b = tmp.resolve("after.csv");
    Files.writeString(a, before);
    Files.writeString(b, after);
    try (TableEngine engine = DuckDbEngine.open(tmp.resolve("spill"), "256MB")) {
      return engine.rowDiff(new LocalTable("before.csv", TableFormat.CSV, List.of(a)),
          new LocalTable("after.csv", TableFormat.CSV, List.of(b)), key, null);
    }
  }
}
