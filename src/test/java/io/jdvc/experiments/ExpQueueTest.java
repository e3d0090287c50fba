package io.jdvc.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sweeps as Hydra expands them for {@code exp run --queue}: comma lists, range() and choice(), crossed. */
class ExpQueueTest {
  @Test
  void severalSweepsGiveTheirCartesianProduct() {
    List<List<String>> runs = ExpQueue.expandSweeps(List.of("train.lr=0.01,0.02", "n=range(1,4)",
        "p.json:opt=choice(adam,sgd)", "seed=7"));
    assertEquals(2 * 3 * 2, runs.size());
    assertEquals(List.of("train.lr=0.01", "n=1", "p.json:opt=adam", "seed=7"), runs.get(0));
    assertEquals(List.of("train.lr=0.02", "n=3", "p.json:opt=sgd", "seed=7"), runs.get(runs.size() - 1));
    assertEquals(List.of("n=0", "n=2", "n=4"), ExpQueue.expandSweeps(List.of("n=range(0,5,2)")).stream()
        .map(r -> r.get(0)).toList());
    assertEquals(List.of(List.of("~old")), ExpQueue.expandSweeps(List.of("~old")));
  }
}
