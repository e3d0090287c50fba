package io.jdvc.git;

import java.util.Arrays;
import java.util.Objects;

/**
 * The state of one path right after a commit that changed it.
 *
 * @param commit the commit that changed the path
 * @param content the file's bytes in that commit, or null if the commit deleted it (or replaced it with a directory,
 *     symlink or submodule, which jdvc treats the same way: there is no pointer to read)
 */
public record FileVersion(RevisionRef commit, byte[] content) {

  public FileVersion {
    Objects.requireNonNull(commit, "commit");
  }

  public boolean deleted() {
    return content == null;
  }

  // Records compare arrays by identity; two versions with equal bytes must be equal.
  @Override
  public boolean equals(Object o) {
    return o instanceof FileVersion other && commit.equals(other.commit) && Arrays.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return 31 * commit.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "FileVersion[" + commit.shortId() + (deleted() ? ", deleted]" : ", " + content.length + " bytes]");
  }
}
