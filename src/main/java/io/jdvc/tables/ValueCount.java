package io.jdvc.tables;

/** How often one value occurs in a column (the value as text). */
public record ValueCount(String value, long count) {}
