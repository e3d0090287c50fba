package io.jdvc.workspace;

import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import java.nio.file.Path;

/**
 * One output of one {@code .dvc} file: where the pointer is, which of its outs this is, and the absolute
 * workspace path the out names. {@code repoPath} and {@code dvcPath} are the output's and the pointer's paths relative to the
 * repository root, with '/'.
 */
public record TrackedOutput(Path dvcFile, DvcFile pointer, int index, Output output, Path path, String repoPath,
    String dvcPath) {}
