package io.jdvc.pointer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values are Python 3's {@code repr(float)}. */
class PythonFloatTest {
  @Test
  void writesWhatPythonsReprWrites() {
    String[][] cases = {
        {"0.2", "0.2"}, {"1e-3", "0.001"}, {"1e-5", "1e-05"}, {"0.0001", "0.0001"}, {"1", "1.0"},
        {"-2.5", "-2.5"}, {"1e16", "1e+16"}, {"1e15", "1000000000000000.0"},
        {"1234567890123456", "1234567890123456.0"}, {"123456789012345678", "1.2345678901234568e+17"},
        {"1.5e300", "1.5e+300"}, {"0.1", "0.1"}, {"0.30000000000000004", "0.30000000000000004"},
        {"2e-7", "2e-07"}, {"5e-324", "5e-324"}, {"1.7976931348623157e308", "1.7976931348623157e+308"},
        {"100", "100.0"}, {"0", "0.0"}, {"-0.0", "-0.0"}, {"2e23", "2e+23"}, {"9007199254740993", "9007199254740992.0"},
        {"Infinity", "inf"}, {"NaN", "nan"}};
    for (String[] c : cases) {
      assertEquals(c[1], PythonFloat.repr(Double.parseDouble(c[0])), c[0]);
    }
  }
}
