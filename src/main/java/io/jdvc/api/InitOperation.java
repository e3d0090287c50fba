package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.JdvcException;
import io.jdvc.git.GitRepo;
import io.jdvc.repo.RepoLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jdvc init}: creates {@code .dvc/config} (empty), {@code .dvc/.gitignore} and {@code .dvcignore} with
 * DVC's exact bytes at the top level of the Git work tree found from the directory upwards, and stages them. {@code force} re-creates the
 * config files of an existing repository but, unlike DVC, keeps its cache: data is never deleted by init.
 */
public final class InitOperation {
  static final String DVC_GITIGNORE = "/config.local\n/tmp\n/cache\n";
  static final String DVCIGNORE = "# Add patterns of files dvc should ignore, which could improve\n"
      + "# the performance. Learn more at\n# https://dvc.org/doc/user-guide/dvcignore\n";

  private final Path dir;
  private boolean noScm;
  private boolean force;

  InitOperation(Path dir) {
    this.dir = Jdvc.realPath(dir.toAbsolutePath().normalize());
  }

  public InitOperation noScm(boolean value) {
    this.noScm = value;
    return this;
  }

  public InitOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public InitResult call() throws IOException {
    Optional<GitRepo> git = noScm ? Optional.empty() : GitRepo.discover(dir);
    try {
      if (!noScm && git.isEmpty()) {
        throw new JdvcException("'" + dir + "' is not a Git repository",
            "run 'git init' first, or use 'jdvc init --no-scm' to use jdvc without Git");
      }
      // like git itself, init works from anywhere inside the work tree and acts on its top level
      Path root = git.map(GitRepo::workTree).orElse(dir);
      RepoLayout layout = new RepoLayout(root);
      if (Files.exists(layout.dvcDir()) && !force) {
        throw new JdvcException("'.dvc' exists in " + root, "use -f/--force to re-initialise it (the cache is kept)");
      }
      Files.createDirectories(layout.dvcDir());
      AtomicFiles.write(layout.config(), noScm ? "[core]\n    no_scm = True\n".getBytes(StandardCharsets.UTF_8)
          : new byte[0]);
      AtomicFiles.write(layout.dvcGitignore(), DVC_GITIGNORE.getBytes(StandardCharsets.UTF_8));
      if (!Files.exists(layout.dvcignore())) {
        AtomicFiles.write(layout.dvcignore(), DVCIGNORE.getBytes(StandardCharsets.UTF_8));
      }
      List<Path> created = List.of(layout.config(), layout.dvcGitignore(), layout.dvcignore());
      git.ifPresent(g -> g.stage(created));
      return new InitResult(root, new ArrayList<>(created), git.isPresent());
    } finally {
      git.ifPresent(GitRepo::close);
    }
  }
}
