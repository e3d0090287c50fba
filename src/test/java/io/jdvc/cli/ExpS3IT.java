package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.S3ProxyServer;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code exp push}/{@code exp pull} through a bare Git repository and the in-process S3 server. */
class ExpS3IT {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  Path bare;
  String bucket;
  String base;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    bucket = S3.createBucket();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
    S3ProxyServer.configureDefaultRemote(root, bucket, S3.uri());
    base = ExperimentsIT.commitTrainProject(repo, jdvc);
    bare = tmp.resolve("origin.git");
    ModelRegistryIT.git(tmp, "init", "-q", "--bare", bare.toString());
    git("remote", "add", "origin", bare.toString());
    git("push", "-q", "origin", "main");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  String git(String... args) {
    return ModelRegistryIT.git(root, args);
  }

  static String modelMd5(String lock) {
    Matcher m = Pattern.compile("path: model.txt\\s+hash: md5\\s+md5: (\\w+)").matcher(lock);
    assertTrue(m.find(), lock);
    return m.group(1);
  }

  boolean onS3(String md5) {
    return S3.exists(bucket, "dvcstore/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
  }

  @Test
  void pushSendsTheExperimentsDataAndPullBringsItIntoAFreshClone() throws IOException {
    String baselineModel = modelMd5(Files.readString(root.resolve("dvc.lock")));
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "e1");
    String ref = "refs/exps/" + base.substring(0, 2) + "/" + base.substring(2) + "/e1";
    String e1 = git("rev-parse", ref);
    String expModel = modelMd5(git("show", e1 + ":dvc.lock"));

    jdvc.ok("exp", "push", "origin", "e1", "--no-cache");
    assertEquals(e1, ModelRegistryIT.git(bare, "rev-parse", ref));
    assertFalse(onS3(expModel), "--no-cache uploads nothing");

    assertTrue(jdvc.ok("exp", "push", "origin", "e1").out().contains("Experiment 'e1' is up to date"));
    assertTrue(onS3(expModel), "the experiment's output is on S3");
    assertFalse(onS3(baselineModel), "data only the baseline has is not the experiment's to push");

    Path clone = tmp.resolve("clone");
    ModelRegistryIT.git(tmp, "clone", "-q", "-b", "main", bare.toString(), clone.toString());
    S3ProxyServer.configureDefaultRemote(clone, bucket, S3.uri());
    CliRunner other = new CliRunner(clone);
    assertTrue(other.ok("exp", "pull", "origin", "e1").out().contains("Pulled experiment 'e1' from Git remote "
        + "'origin'."));
    assertEquals(e1, ModelRegistryIT.git(clone, "rev-parse", ref));
    Path object = clone.resolve(".dvc/cache/files/md5/" + expModel.substring(0, 2) + "/" + expModel.substring(2));
    assertEquals("model with 60 trees\n", Files.readString(object), "the experiment's bytes, from S3");
    assertFalse(Files.exists(clone.resolve("model.txt")), "the workspace is untouched");
    other.ok("exp", "apply", "e1");
    assertEquals("model with 60 trees\n", Files.readString(clone.resolve("model.txt")));
  }

  @Test
  void aDivergedExperimentRefSurvivesUnlessForced() throws IOException {
    String ref = "refs/exps/" + base.substring(0, 2) + "/" + base.substring(2) + "/e1";
    jdvc.ok("exp", "run", "-S", "train.n_est=60", "-n", "e1");
    jdvc.ok("exp", "push", "origin", "e1");
    String first = git("rev-parse", ref);
    jdvc.ok("exp", "run", "-S", "train.n_est=70", "-n", "e1", "-f"); // another e1 on the same baseline
    String second = git("rev-parse", ref);
    String secondModel = modelMd5(git("show", second + ":dvc.lock"));

    CliResult refused = jdvc.run("exp", "push", "origin", "e1");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("ERROR: experiment 'e1' has diverged from the one to Git remote 'origin'. "
        + "Use -f to overwrite it."), refused.err());
    assertEquals(first, ModelRegistryIT.git(bare, "rev-parse", ref), "the remote's experiment stays");
    assertFalse(onS3(secondModel), "nor is the refused experiment's data pushed");

    jdvc.ok("exp", "push", "origin", "e1", "-f");
    assertEquals(second, ModelRegistryIT.git(bare, "rev-parse", ref));
    assertTrue(onS3(secondModel));

    // the other way: a local e1 that differs from the remote's is kept unless pull -f
    git("update-ref", ref, first);
    CliResult notPulled = jdvc.run("exp", "pull", "origin", "e1");
    assertEquals(1, notPulled.exitCode());
    assertTrue(notPulled.err().contains("has diverged"), notPulled.err());
    assertEquals(first, git("rev-parse", ref));
    jdvc.ok("exp", "pull", "origin", "e1", "-f");
    assertEquals(second, git("rev-parse", ref));
  }
}
