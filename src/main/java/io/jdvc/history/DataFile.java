package io.jdvc.history;

import io.jdvc.object.Oid;

/**
 * One file of tracked data at some revision: a file output, or a file inside a tracked directory. When a directory's
 * manifest could not be loaded, the directory itself stands in, with its {@code .dir} oid.
 *
 * @param path repo-relative, '/'-separated
 * @param output the output that holds it
 */
public record DataFile(String path, Oid oid, RecordedOutput output) {}
