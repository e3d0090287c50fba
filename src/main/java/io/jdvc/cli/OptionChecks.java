package io.jdvc.cli;

import java.nio.file.FileSystems;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types cannot express. A bad value is a usage error (exit 2) that names
 * the option, never a Java exception from deeper down.
 */
final class OptionChecks {
  private OptionChecks() {}

  /** Fails unless {@code value} is unset or at least 1. */
  static void atLeastOne(CommandSpec spec, String option, Integer value) {
    if (value != null && value < 1) {
      throw new ParameterException(spec.commandLine(), option + " must be at least 1, was " + value);
    }
  }

  /** Fails unless {@code pattern} is unset or a glob Java can compile. */
  static void glob(CommandSpec spec, String option, String pattern) {
    if (pattern == null) {
      return;
    }
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    } catch (PatternSyntaxException e) {
      String where = e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : "";
      throw new ParameterException(spec.commandLine(), "invalid " + option + " pattern '" + pattern + "' ("
          + e.getDescription() + where + "); escape a literal [ ] { } * ? with a backslash, e.g. '\\['");
    }
  }
}
