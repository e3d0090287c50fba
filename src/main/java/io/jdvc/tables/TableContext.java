package io.jdvc.tables;

import io.jdvc.cache.LocalCache;
import io.jdvc.git.GitRepo;
import io.jdvc.remote.Remote;
import io.jdvc.workspace.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the data commands need from an open repository, handed over by {@code io.jdvc.api.Jdvc#data()}.
 *
 * @param root the repository root
 * @param workingDir where relative paths start
 * @param tmpDir {@code .dvc/tmp}: the profile cache, DuckDB's spill files and downloaded objects live below it
 * @param git the Git repository, if any; needed for {@code PATH@REV} and history
 * @param defaultRemote opens {@code core.remote} (empty when none); the caller of the supplier closes it
 * @param notices warnings for the user
 */
public record TableContext(Path root, Path workingDir, Path tmpDir, LocalCache cache, Supplier<Workspace> workspace,
    Supplier<Optional<GitRepo>> git, Supplier<Optional<Remote>> defaultRemote, Consumer<String> notices) {

  public Path jdvcTmp() {
    return tmpDir.resolve("jdvc");
  }
}
