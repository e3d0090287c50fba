package io.jdvc.workspace;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** One file found under a tracked directory: its manifest relpath, location and attributes. */
public record WorkspaceFile(String relpath, Path path, BasicFileAttributes attrs) {}
