package io.jdvc.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedExecutorTest {
  @Test
  void everyItemRunsExactlyOnceAcrossTheWorkers() {
    List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    AtomicInteger runs = new AtomicInteger();
    BoundedExecutor.forEach(items, 4, i -> {
      seen.add(i);
      runs.incrementAndGet();
      threads.add(Thread.currentThread().getName());
    });
    assertEquals(10_000, runs.get());
    assertEquals(10_000, seen.size());
    assertTrue(threads.size() <= 4, threads.toString());
  }

  @Test
  void neverTakesMoreItemsThanWorkersAhead() {
    AtomicInteger taken = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger maxAhead = new AtomicInteger();
    Iterable<Integer> lazy = () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return taken.get() < 2_000;
      }

      @Override
      public Integer next() {
        int ahead = taken.incrementAndGet() - finished.get();
        maxAhead.accumulateAndGet(ahead, Math::max);
        return ahead;
      }
    };
    BoundedExecutor.forEach(lazy, 3, i -> finished.incrementAndGet());
    assertTrue(maxAhead.get() <= 3, "a million-file walk must not be materialised: " + maxAhead.get());
  }

  @Test
  void theFirstFailureStopsTheRestAndComesBackWrapped() {
    IOException boom = new IOException("disk on fire");
    AtomicInteger runs = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
    BoundedExecutor.TaskException e = assertThrows(BoundedExecutor.TaskException.class,
        () -> BoundedExecutor.forEach(items, 2, i -> {
          runs.incrementAndGet();
          if (i == 10) {
            throw boom;
          }
          // Real items take time (a file, a request); it also keeps the bound below independent of how long the
          // scheduler leaves the failing worker off-CPU between its throw and the failure being recorded.
          Thread.sleep(1);
        }));
    assertSame(boom, e.getCause());
    assertTrue(runs.get() < 1_000, "items after a failure are not started: " + runs.get());
  }

  @Test
  void uncheckedExceptionsPassThroughUnwrapped() {
    IllegalStateException bad = new IllegalStateException("bad manifest");
    assertSame(bad, assertThrows(IllegalStateException.class,
        () -> BoundedExecutor.forEach(List.of(1, 2, 3), 2, i -> {
          throw bad;
        })));
  }
}
