package io.jdvc.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The block of shell that {@code jdvc install} puts into one Git hook, between marker lines so that it can be
 * found again (install is idempotent) and removed ({@code --uninstall}) without touching the user's own lines.
 * The block calls the {@code jdvc} on Git's PATH, as DVC's hooks call {@code dvc}.
 */
enum HookScript {
  /** After a branch switch ({@code $3} = 1; not after a file checkout), check out the data it points to. */
  POST_CHECKOUT("post-checkout",
      "if [ \"$3\" = \"1\" ] && [ -d .dvc ]; then\n"
          + "  if command -v jdvc >/dev/null 2>&1; then\n"
          + "    jdvc -q checkout\n"
          + "  else\n"
          + "    echo \"jdvc post-checkout hook: 'jdvc' is not on PATH; run 'jdvc checkout' yourself\" >&2\n"
          + "  fi\n"
          + "fi\n"),
  /** Before a commit, show what changed in the tracked data (informational, never blocks the commit). */
  PRE_COMMIT("pre-commit",
      "if [ -d .dvc ]; then\n"
          + "  if command -v jdvc >/dev/null 2>&1; then\n"
          + "    jdvc status\n"
          + "  else\n"
          + "    echo \"jdvc pre-commit hook: 'jdvc' is not on PATH; skipping 'jdvc status'\" >&2\n"
          + "  fi\n"
          + "fi\n"),
  /** Before a push, upload the data the pushed commits point to; a failed upload stops the Git push. */
  PRE_PUSH("pre-push",
      "if [ -d .dvc ]; then\n"
          + "  if command -v jdvc >/dev/null 2>&1; then\n"
          + "    jdvc push || exit $?\n"
          + "  else\n"
          + "    echo \"jdvc pre-push hook: 'jdvc' is not on PATH, so the data was not pushed\" >&2\n"
          + "    echo \"(put jdvc on PATH, or skip this check with 'git push --no-verify')\" >&2\n"
          + "    exit 1\n"
          + "  fi\n"
          + "fi\n");

  static final String SHEBANG = "#!/bin/sh\n";
  private static final Pattern SHELL_SHEBANG =
      Pattern.compile("^#!\\s*(/usr)?(/local)?/bin/(env\\s+)?(sh|bash|dash)(\\s.*)?$");

  private final String hookName;
  private final String body;

  HookScript(String hookName, String body) {
    this.hookName = hookName;
    this.body = body;
  }

  static List<HookScript> all() {
    return List.of(values());
  }

  /** The file name under the hooks directory. */
  String hookName() {
    return hookName;
  }

  String beginMarker() {
    return "# >>> jdvc " + hookName + " hook >>>";
  }

  String endMarker() {
    return "# <<< jdvc " + hookName + " hook <<<";
  }

  /** jdvc's block, marker lines included, ending with a newline. */
  String block() {
    return beginMarker() + "\n"
        + "# Added by 'jdvc install'; 'jdvc install --uninstall' removes this block.\n"
        + "# Runs the 'jdvc' found on Git's PATH: put the directory holding jdvc's bin/jdvc launcher on PATH\n"
        + "# (hooks run with the environment of the git command, at the top of the work tree).\n"
        + body
        + endMarker() + "\n";
  }

  /** A new hook file: a shebang and the block. */
  String newScript() {
    return SHEBANG + block();
  }

  boolean isInstalledIn(String script) {
    return script.contains(beginMarker());
  }

  /** Whether an existing hook is a POSIX shell or bash script that a block can be appended to. */
  static boolean isShellScript(String script) {
    int eol = script.indexOf('\n');
    String first = (eol < 0 ? script : script.substring(0, eol)).strip();
    return SHELL_SHEBANG.matcher(first).matches();
  }

  /** {@code script} with jdvc's block replaced by the current one. */
  String refresh(String script) {
    return script.substring(0, blockStart(script)) + block() + script.substring(blockEnd(script));
  }

  /** {@code script} with jdvc's block appended (after a blank line). */
  String append(String script) {
    String base = script.endsWith("\n") ? script : script + "\n";
    return base + "\n" + block();
  }

  /** {@code script} without jdvc's block and the blank line {@link #append} put before it. */
  String remove(String script) {
    String before = script.substring(0, blockStart(script));
    if (before.endsWith("\n\n")) {
      before = before.substring(0, before.length() - 1);
    }
    return before + script.substring(blockEnd(script));
  }

  /** Whether what is left once the block is removed does nothing (only a shebang and blank lines). */
  static boolean isEmptyScript(String script) {
    for (String line : script.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#!")) {
        return false;
      }
    }
    return true;
  }

  /** Whether the last command of a user's hook ends the script, so that an appended block would never run. */
  static boolean endsScript(String script) {
    String[] lines = script.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    return last.equals("exit") || last.startsWith("exit ") || last.startsWith("exec ");
  }

  private int blockStart(String script) {
    return script.indexOf(beginMarker());
  }

  private int blockEnd(String script) {
    int end = script.indexOf(endMarker(), blockStart(script));
    if (end < 0) {
      return script.length();
    }
    int eol = script.indexOf('\n', end);
    return eol < 0 ? script.length() : eol + 1;
  }
}
