package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import io.jdvc.git.GitIgnoreFile;
import io.jdvc.git.GitRepo;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.DvcFileCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Writing pointer files and their {@code .gitignore} entries, shared by add, commit, remove and move. */
final class Pointers {
  static final DvcFileCodec CODEC = new DvcFileCodec();

  private Pointers() {}

  /** Writes the pointer atomically unless it already holds exactly these bytes; returns whether it wrote. */
  static boolean write(Path dvcFile, DvcFile pointer) throws IOException {
    byte[] bytes = CODEC.write(pointer).getBytes(StandardCharsets.UTF_8);
    if (Files.exists(dvcFile) && java.util.Arrays.equals(Files.readAllBytes(dvcFile), bytes)) {
      return false;
    }
    AtomicFiles.write(dvcFile, bytes);
    return true;
  }

  /**
   * Adds {@code /name} to the .gitignore beside the output, unless Git already ignores it; returns the
   * .gitignore path if it changed.
   */
  static Optional<Path> ignore(Optional<GitRepo> git, Path output) throws IOException {
    if (git.isEmpty()) {
      return Optional.empty();
    }
    Path gitignore = output.getParent().resolve(".gitignore");
    if (git.get().isIgnored(output)) {
      return Optional.empty();
    }
    return GitIgnoreFile.addEntry(gitignore, output.getFileName().toString()) ? Optional.of(gitignore)
        : Optional.empty();
  }

  static Optional<Path> unignore(Optional<GitRepo> git, Path output) throws IOException {
    if (git.isEmpty()) {
      return Optional.empty();
    }
    Path gitignore = output.getParent().resolve(".gitignore");
    return GitIgnoreFile.removeEntry(gitignore, output.getFileName().toString()) ? Optional.of(gitignore)
        : Optional.empty();
  }

  /**
   * Adds {@code file} to {@code touched} when Git's index does not hold its current bytes, though this run left it
   * unchanged: an earlier run was killed, or hit a full disk, after writing it and before staging it.
   */
  static void stageIfBehind(Optional<GitRepo> git, Path file, java.util.Collection<Path> touched)
      throws IOException {
    if (git.isPresent() && Files.isRegularFile(file) && !git.get().indexMatches(file)) {
      touched.add(file);
    }
  }

  /** The pointer file DVC writes for an output: {@code <output>.dvc} beside it. */
  static Path dvcFileFor(Path output) {
    return output.resolveSibling(output.getFileName() + ".dvc");
  }

  static void requireSingleOutput(Path dvcFile, List<?> outs) {
    if (outs.size() != 1) {
      throw new JdvcException(dvcFile + " has " + outs.size() + " outputs; jdvc edits only single-output .dvc files",
          "edit it with DVC");
    }
  }
}
