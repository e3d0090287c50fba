package io.jdvc.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code jdvc config} read or wrote.
 *
 * @param entries the option read or written (one), or every option for LIST
 * @param changedFile the file written by SET/UNSET, else null
 */
public record ConfigResult(ConfigOperation.Action action, List<ConfigEntry> entries, Path changedFile) {}
