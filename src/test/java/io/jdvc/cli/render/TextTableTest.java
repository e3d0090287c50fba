package io.jdvc.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Numbers in profile and diff tables: four significant digits, a fraction's trailing zeros dropped. */
class TextTableTest {
  @Test
  void aNumberKeepsItsIntegerZerosAndDropsItsFractionsZeros() {
    assertEquals("1000", TextTable.number(999.99), "rounded up to 1000, not cut to 1");
    assertEquals("0.5", TextTable.number(0.5));
    assertEquals("10.5", TextTable.number(10.5));
    assertEquals("100", TextTable.number(99.999));
    assertEquals("-0.25", TextTable.number(-0.25));
    assertEquals("1234.5", TextTable.number(1234.5));
    assertEquals("1.000e-05", TextTable.number(0.00001));
    assertEquals("42", TextTable.number(42.0));
  }
}
