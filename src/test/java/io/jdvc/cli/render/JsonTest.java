package io.jdvc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers in --json as DVC (Python's json.dumps) writes them. */
class JsonTest {
  @Test
  void floatsAreWrittenAsPythonWritesThem() {
    assertEquals("[\n  0.0009999999999998899,\n  1e-05,\n  1e+16,\n  0.5609999999999999,\n  60.0,\n  60,\n"
        + "  NaN\n]\n", Json.write(List.of(9.999999999998899E-4, 1e-5, 1e16, 0.5609999999999999, 60.0, 60L,
        Double.NaN)));
  }
}
