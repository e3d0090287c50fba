package io.jdvc.api;

import io.jdvc.history.DataChanges;

/**
 * Data changes between two sides of a diff.
 *
 * @param oldRev the old side's full commit id, or null for the workspace
 * @param newRev the new side's full commit id, or null for the workspace
 */
public record DiffResult(String oldRev, String newRev, DataChanges changes) {}
