package io.jdvc.api;

import io.jdvc.history.DataChanges;
import java.util.List;

/**
 * Data changes between two sides of a diff.
 *
 * @param oldRev the old side's full commit id, or null for the workspace
 * @param newRev the new side's full commit id, or null for the workspace
 * @param unexpanded directories whose manifest is nowhere, compared as a whole instead of file by file
 */
public record DiffResult(String oldRev, String newRev, DataChanges changes, List<UnexpandedDirectory> unexpanded) {}
