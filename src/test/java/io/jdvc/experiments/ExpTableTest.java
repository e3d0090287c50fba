package io.jdvc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table's fixed columns: State and Executor appear with runs of the queue, and never collapse. */
class ExpTableTest {
  static ExpState state(String rev, String name, ExpState.Executor executor, Map<String, Object> metrics) {
    return new ExpState(rev, name, Instant.parse("2024-01-01T12:00:00Z"),
        Map.of("params.yaml", Map.of("data", Map.of("n_est", 50))), metrics, Map.of(), Map.of(), executor);
  }

  static final Map<String, Object> METRICS = Map.of("metrics.json", Map.of("data", new java.util.TreeMap<>(
      Map.of("acc", 0.5, "loss", 0.25))));

  @Test
  void stateAndExecutorComeWithTheQueuesRuns() {
    String base = "a".repeat(40);
    ExpState queued = state("0123456789ab", "q1",
        new ExpState.Executor("queued", "dvc-task", null, null, null, null, "0123456789ab"), Map.of());
    ExpTable table = ExpTable.build(state("workspace", null, null, METRICS),
        List.of(new ExpState.Baseline(state(base, "main", null, METRICS), List.of(queued))),
        ExpTable.Options.defaults());
    assertEquals(List.of("Experiment", "Created", "State", "Executor", "acc", "loss", "n_est"), table.headers());
    assertEquals(List.of(false, false, false, false, false, true, false), table.collapsible());
    assertEquals(List.of("└── 0123456 [q1]", "Jan 01, 2024", "Queued", "Dvc-task", "-", "-", "50"),
        table.rows().get(2).cells());
    assertEquals("-", table.rows().get(1).cells().get(2), "a baseline has no state");

    ExpTable none = ExpTable.build(state("workspace", null, null, METRICS),
        List.of(new ExpState.Baseline(state(base, "main", null, METRICS), List.of())), ExpTable.Options.defaults());
    assertEquals(List.of("Experiment", "Created", "acc", "loss", "n_est"), none.headers(), "dropped when empty");
  }
}
