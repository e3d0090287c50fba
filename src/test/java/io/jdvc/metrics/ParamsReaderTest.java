package io.jdvc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsReaderTest {
  @Test
  void selectKeepsOnlyTheNamedKeysNested() {
    Map<String, Object> tree = Map.of("train", Map.of("lr", 0.1, "epochs", 10L), "model", "cnn");
    assertEquals(Map.of("train", Map.of("lr", 0.1), "model", "cnn"),
        ParamsReader.select(tree, List.of("train.lr", "model", "absent.key")));
  }
}
