package io.jdvc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesDiffTest {
  private static RevisionValues rev(String name, String path, Map<String, Object> data) {
    return new RevisionValues(name, Map.of(path, FileValues.of(data)));
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void numbersCompareAsInPythonAndIntsSubtractToInts() {
    ValuesDiff d = ValuesDiff.of(rev("a", "p.yaml", map("n", 1L, "f", 0.2, "e", 10L)),
        rev("b", "p.yaml", map("n", 1.0, "f", 0.2, "e", 12L)), false);
    assertEquals(Map.of("e", new ValueChange(10L, 12L, 2L, 20.0)), d.files().get("p.yaml"),
        "1 == 1.0 and 0.2 == 0.2 are unchanged");
  }

  @Test
  void floatDiffIsPythonsSubtraction() {
    ValueChange c = ValuesDiff.of(rev("a", "m.json", map("acc", 0.8)), rev("b", "m.json", map("acc", 0.85)), false)
        .files().get("m.json").get("acc");
    assertEquals(0.04999999999999993, c.diff());
  }

  @Test
  void nonNumbersAndAbsentValuesHaveNoDiff() {
    Map<String, ValueChange> d = ValuesDiff.of(rev("a", "m.json", map("run", "a")),
        rev("b", "m.json", map("run", "b", "new", 3L)), false).files().get("m.json");
    assertNull(d.get("run").diff());
    assertNull(d.get("new").oldValue());
    assertNull(d.get("new").diff());
  }

  @Test
  void nestedKeysAreDottedAndListsPrintAsPython() {
    Map<String, Object> flat = FlatValues.flatten(map("train", map("lr", 0.1, "layers", List.of(64L, 32L),
        "empty", map())));
    assertEquals(map("train.lr", 0.1, "train.layers", "[64, 32]"), flat);
  }

  @Test
  void aFileMissingOnOneSideShowsItsKeysAsAbsent() {
    RevisionValues a = new RevisionValues("a", Map.of("s.yaml", FileValues.missing()));
    ValuesDiff d = ValuesDiff.of(a, rev("b", "s.yaml", map("f1", 0.7)), false);
    assertEquals(new ValueChange(null, 0.7, null, null), d.files().get("s.yaml").get("f1"));
  }

  @Test
  void withUnchangedKeepsEqualValuesWithAZeroDiff() {
    ValuesDiff d = ValuesDiff.of(rev("a", "p", map("x", 5L)), rev("b", "p", map("x", 5L)), true);
    assertEquals(new ValueChange(5L, 5L, 0L, 0.0), d.files().get("p").get("x"));
    assertTrue(ValuesDiff.of(rev("a", "p", map("x", 5L)), rev("b", "p", map("x", 5L)), false).files().isEmpty());
  }

  @Test
  void roundIsHalfEvenOnTheExactBinaryValue() {
    assertEquals(0.12346, PyNumbers.round(0.123456789, 5));
    assertEquals(2.67, PyNumbers.round(2.675, 2), "2.675 is 2.67499999… in binary, as Python's round(2.675, 2)");
  }
}
