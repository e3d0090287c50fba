package io.jdvc.cli;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.TableFixtures;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jdvc repository in a temp Git repo ({@code repo}, {@code jdvc}), and versions of {@code data/train.parquet}
 * committed and tagged in it.
 */
abstract class DataRepoFixture {
  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;

  @BeforeEach
  void setUpRepo() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
  }

  @AfterEach
  void tearDownRepo() {
    repo.close();
  }

  /** Writes {@code data/train.parquet} from the query, adds it, commits and tags the commit. */
  void version(String tag, String sql) {
    TableFixtures.write(repo.path("data/train.parquet"), sql);
    jdvc.ok("add", "data/train.parquet");
    repo.commitAll(tag);
    repo.tag(tag);
  }
}
