package io.jdvc.api;

import java.nio.file.Path;
import java.util.List;

/** A new repository: its root, the files init wrote, and whether they were staged in Git. */
public record InitResult(Path root, List<Path> files, boolean staged) {}
