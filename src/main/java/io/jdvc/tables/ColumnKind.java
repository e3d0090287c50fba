package io.jdvc.tables;

import java.util.Locale;

/** How a column is profiled and compared, from its DuckDB type. */
public enum ColumnKind {
  NUMERIC, STRING, BOOLEAN, TEMPORAL, OTHER;

  public static ColumnKind of(String duckType) {
    String t = duckType.toUpperCase(Locale.ROOT);
    if (t.matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|REAL|DOUBLE|DECIMAL.*|NUMERIC.*)")) {
      return NUMERIC;
    }
    if (t.equals("VARCHAR") || t.startsWith("VARCHAR(") || t.equals("TEXT") || t.equals("UUID") || t.equals("ENUM")) {
      return STRING;
    }
    if (t.equals("BOOLEAN")) {
      return BOOLEAN;
    }
    if (t.startsWith("DATE") || t.startsWith("TIME")) {
      return TEMPORAL;
    }
    return OTHER;
  }
}
