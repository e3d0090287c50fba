package io.jdvc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected strings were printed by Python's tabulate with DVC's arguments (disable_numparse, missingval "-"). */
class TableTest {
  private static Table metrics() {
    return new Table(List.of("Path", "Metric", "HEAD", "workspace", "Change"))
        .row(List.of("metrics.json", "AUC", "0.9643", "0.9671", "0.0028"));
  }

  @Test
  void plainPadsEachColumnToItsHeaderPlusTwoAndStripsTrailingBlanks() {
    assertEquals("Path          Metric    HEAD    workspace    Change\n"
        + "metrics.json  AUC       0.9643  0.9671       0.0028", metrics().plain());
  }

  @Test
  void markdownIsGithubFormat() {
    assertEquals("| Path         | Metric   | HEAD   | workspace   | Change   |\n"
        + "|--------------|----------|--------|-------------|----------|\n"
        + "| metrics.json | AUC      | 0.9643 | 0.9671      | 0.0028   |", metrics().markdown());
  }

  @Test
  void anEmptyTableIsNothingInPlainAndAHeaderInMarkdown() {
    Table empty = new Table(List.of("Path", "Metric", "HEAD", "workspace", "Change"));
    assertEquals("", empty.plain());
    assertEquals("| Path   | Metric   | HEAD   | workspace   | Change   |\n"
        + "|--------|----------|--------|-------------|----------|", empty.markdown());
  }

  @Test
  void csvQuotesOnlyWhatNeedsItAndEndsLinesAsPythonsCsvModule() {
    Table t = new Table(List.of("Path", "a,b")).row(List.of("say \"hi\"", "x"));
    assertEquals("Path,\"a,b\"\r\n\"say \"\"hi\"\"\",x\r\n", t.csv());
  }
}
