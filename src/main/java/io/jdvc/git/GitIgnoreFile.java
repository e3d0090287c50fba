package io.jdvc.git;

import io.jdvc.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The DVC-style entries in one {@code .gitignore} file: a line {@code /<basename>} per output, in the
 * {@code .gitignore} of the output's parent directory (dvc-format.md §5; scmrepo {@code Git.ignore} and
 * {@code ignore_remove}). Plain file logic, byte-compatible with what DVC writes; whether git already ignores a
 * path through some other rule is {@link GitRepo#isIgnored}'s question, not this class's.
 *
 * <p>Every change is written to a temporary file in the same directory and renamed over the original, so a
 * crash leaves either the old or the new content. Not safe against concurrent writers of the same file.
 */
public final class GitIgnoreFile {
  // pathspec's GitWildMatchPattern.escape: exactly these get a backslash; '\' and spaces are left alone, as in DVC.
  private static final String META = "[]!*#?";

  private GitIgnoreFile() {}

  /** The line DVC writes for an output named {@code basename}: {@code "/" + basename} with wildcards escaped. */
  public static String entryFor(String basename) {
    if (basename == null || basename.isEmpty() || basename.contains("/") || basename.equals(".")
        || basename.equals("..")) {
      throw new IllegalArgumentException("not a file name: '" + basename + "'");
    }
    StringBuilder sb = new StringBuilder(basename.length() + 2).append('/');
    for (int i = 0; i < basename.length(); i++) {
      char c = basename.charAt(i);
      if (META.indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Appends {@link #entryFor entryFor(basename)} and a newline, first adding a newline if the file does not end
   * with one; creates the file if missing (its directory must exist). Does nothing if that exact line is already
   * present.
   *
   * @return whether the file changed
   */
  public static boolean addEntry(Path gitignore, String basename) throws IOException {
    String entry = entryFor(basename);
    String text = Files.exists(gitignore) ? Files.readString(gitignore, StandardCharsets.UTF_8) : "";
    for (String line : lines(text)) {
      if (stripCr(line).equals(entry)) {
        return false;
      }
    }
    String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
    writeAtomically(gitignore, text + prefix + entry + "\n");
    return true;
  }

  /**
   * Removes every line that, stripped of surrounding whitespace, equals {@link #entryFor entryFor(basename)}, as
   * DVC does on {@code remove}/{@code move}. Other lines are kept byte for byte. If no line is left, the file is
   * deleted. A missing file is not an error.
   *
   * @return whether the file changed
   */
  public static boolean removeEntry(Path gitignore, String basename) throws IOException {
    String entry = entryFor(basename);
    if (!Files.exists(gitignore)) {
      return false;
    }
    String text = Files.readString(gitignore, StandardCharsets.UTF_8);
    List<String> kept = new ArrayList<>();
    boolean removed = false;
    for (String line : linesWithTerminators(text)) {
      if (line.strip().equals(entry)) {
        removed = true;
      } else {
        kept.add(line);
      }
    }
    if (!removed) {
      return false;
    }
    if (kept.isEmpty()) {
      Files.delete(gitignore);
    } else {
      writeAtomically(gitignore, String.join("", kept));
    }
    return true;
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : linesWithTerminators(text)) {
      out.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
    }
    return out;
  }

  /** Python's {@code readlines()} for '\n' files: each line keeps its terminator; the last may lack one. */
  private static List<String> linesWithTerminators(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
  }

}
