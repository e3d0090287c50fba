package io.jdvc.tables;

/**
 * A table's profile and where it came from.
 *
 * @param computed files profiled by the engine in this run
 * @param reused files whose profile was already cached
 */
public record ProfileResult(ResolvedTable table, TableProfile profile, int computed, int reused) {}
