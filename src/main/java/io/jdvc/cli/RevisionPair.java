package io.jdvc.cli;

import picocli.CommandLine.Parameters;

/** The {@code [A_REV [B_REV]]} of the diff commands: HEAD against the workspace unless told otherwise. */
final class RevisionPair {
  @Parameters(index = "0", arity = "0..1", paramLabel = "A_REV", defaultValue = "HEAD",
      description = "Old Git revision to compare (default: HEAD).")
  String aRev;

  @Parameters(index = "1", arity = "0..1", paramLabel = "B_REV", defaultValue = "workspace",
      description = "New Git revision to compare (default: the workspace).")
  String bRev;
}
