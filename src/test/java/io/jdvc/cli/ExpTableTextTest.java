package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.experiments.ExpTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exp show table fitted to a terminal's width, as DVC's table collapses its columns. */
class ExpTableTextTest {
  static final List<String> HEADERS = List.of("Experiment", "Created", "acc", "loss", "n_est", "seed", "train.py");
  // the first column of each group (metrics, params, deps) stays; the others may collapse
  static final List<Boolean> COLLAPSIBLE = List.of(false, false, false, true, false, true, false);
  static final List<ExpTable.Row> ROWS = List.of(
      row("workspace", "-", "0.57", "0.12346", "70", "1", "6fc1ade7c7a2"),
      row("main", "06:35 AM", "0.55", "0.12346", "50", "1", "6fc1ade7c7a2"));

  static ExpTable.Row row(String... cells) {
    return new ExpTable.Row(cells[0], cells[0], "baseline", cells[1], "", List.of(cells));
  }

  @Test
  void aWideTerminalGetsEveryColumn() {
    String plain = ExpTableText.plain(HEADERS, ROWS);
    assertEquals(plain, ExpTableText.fitted(HEADERS, ROWS, COLLAPSIBLE, 200));
    assertTrue(plain.lines().allMatch(l -> l.length() <= 63), plain);
  }

  @Test
  void collapsibleColumnsGoFromTheRightUntilTheTableFits() {
    String fitted = ExpTableText.fitted(HEADERS, ROWS, COLLAPSIBLE, 60);
    assertEquals(List.of(
        " Experiment  Created   acc   loss     n_est  …  train.py",
        " ───────────────────────────────────────────────────────────",
        " workspace   -         0.57  0.12346  70     …  6fc1ade7c7a2",
        " main        06:35 AM  0.55  0.12346  50     …  6fc1ade7c7a2"), fitted.lines().toList());
    // narrower: loss goes too; neighbours collapsed apart stay two … columns
    String narrow = ExpTableText.fitted(HEADERS, ROWS, COLLAPSIBLE, 55);
    assertTrue(narrow.lines().allMatch(l -> l.length() <= 55), narrow);
    assertEquals(" Experiment  Created   acc   …  n_est  …  train.py", narrow.lines().findFirst().orElseThrow());
  }
}
