package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A clone of DVC's public example project (iterative/example-get-started), written file by file as DVC wrote them:
 * its {@code .dvc/config} names an https remote, {@code data/data.xml.dvc} is an import from the dataset registry,
 * {@code dvc.yaml} and {@code dvc.lock} hold its pipeline, and the cache is empty, as right after {@code git clone}.
 * Every read-only command must work without reaching any remote. The remote's host ends in {@code .invalid}
 * (RFC 2606), so it can never resolve and the test never leaves the machine.
 */
class ExampleGetStartedIT {
  static final String CONFIG = "[core]\n    remote = storage\n['remote \"storage\"']\n"
      + "    url = https://remote.dvc.org.invalid/get-started\n";
  static final String DATA_V1 = "md5: 8af9f2fe3a5b1e7b2f6b9d7d7a0f6f0a\nfrozen: true\ndeps:\n- path: get-started/data.xml\n"
      + "  repo:\n    url: https://github.com/iterative/dataset-registry\n"
      + "    rev_lock: f31f5c4cdae787b4bdeb97a717687d44667d9e62\nouts:\n- md5: a304afb96060aad90176268345e10355\n"
      + "  size: 37891850\n  hash: md5\n  path: data.xml\n";
  static final String DATA_V2 = "md5: 3bd5c8fd7aac5ffd2d5a2a6c0e9a1e44\nfrozen: true\ndeps:\n- path: get-started/data.xml\n"
      + "  repo:\n    url: https://github.com/iterative/dataset-registry\n"
      + "    rev_lock: 96fdd8f12c14fa58a1b7354f15c7adb50e4e8542\nouts:\n- md5: 22a1a2931c8370d3aeedd7183606fd7f\n"
      + "  size: 14445097\n  hash: md5\n  path: data.xml\n";
  static final String DVC_YAML = "stages:\n  prepare:\n    cmd: python src/prepare.py data/data.xml\n    deps:\n"
      + "    - data/data.xml\n    - src/prepare.py\n    params:\n    - prepare.seed\n    - prepare.split\n    outs:\n"
      + "    - data/prepared\n  featurize:\n    cmd: python src/featurization.py data/prepared data/features\n"
      + "    deps:\n    - data/prepared\n    - src/featurization.py\n    outs:\n    - data/features\n  train:\n"
      + "    cmd: python src/train.py data/features model.pkl\n    deps:\n    - data/features\n    - src/train.py\n"
      + "    outs:\n    - model.pkl\n";
  static final String DVC_LOCK = "schema: '2.0'\nstages:\n  prepare:\n    cmd: python src/prepare.py data/data.xml\n"
      + "    deps:\n    - path: data/data.xml\n      hash: md5\n      md5: 22a1a2931c8370d3aeedd7183606fd7f\n"
      + "      size: 14445097\n    - path: src/prepare.py\n      hash: md5\n      md5: f09ea0c15980b43010257ccb9f0055e2\n"
      + "      size: 1576\n    params:\n      params.yaml:\n        prepare.seed: 20170428\n        prepare.split: 0.2\n"
      + "    outs:\n    - path: data/prepared\n      hash: md5\n      md5: 153aad06d376b6595932470e459ef42a.dir\n"
      + "      size: 8437363\n      nfiles: 2\n  featurize:\n"
      + "    cmd: python src/featurization.py data/prepared data/features\n    deps:\n    - path: data/prepared\n"
      + "      hash: md5\n      md5: 153aad06d376b6595932470e459ef42a.dir\n      size: 8437363\n      nfiles: 2\n"
      + "    outs:\n    - path: data/features\n      hash: md5\n      md5: f35d4cc2c552ac959ae602162b8543f3.dir\n"
      + "      size: 2232588\n      nfiles: 2\n  train:\n    cmd: python src/train.py data/features model.pkl\n"
      + "    deps:\n    - path: data/features\n      hash: md5\n      md5: f35d4cc2c552ac959ae602162b8543f3.dir\n"
      + "      size: 2232588\n      nfiles: 2\n    outs:\n    - path: model.pkl\n      hash: md5\n"
      + "      md5: 9ef2b5b3fa7d0c5c8c8b1d1c51ce3c2d\n      size: 1835\n";

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;

  @AfterEach
  void tearDown() {
    repo.close();
  }

  /** The project's history in brief: tag 2-track-data (the import), then the pipeline and a newer import. */
  private void clone(String config) {
    repo = TempGitRepo.create(tmp.resolve("example-get-started"));
    jdvc = new CliRunner(repo.root());
    repo.write(".dvc/.gitignore", "/config.local\n/tmp\n/cache\n");
    repo.write(".dvc/config", config);
    repo.write(".dvcignore", "# Add patterns of files dvc should ignore\n");
    repo.write("data/.gitignore", "/data.xml\n");
    repo.write("data/data.xml.dvc", DATA_V1);
    repo.commitAll("Add raw data");
    repo.tag("2-track-data");
    repo.write("data/data.xml.dvc", DATA_V2);
    repo.write("dvc.yaml", DVC_YAML);
    repo.write("dvc.lock", DVC_LOCK);
    repo.write("params.yaml", "prepare:\n  split: 0.20\n  seed: 20170428\n");
    repo.write(".gitignore", "/model.pkl\n");
    repo.write("data/.gitignore", "/data.xml\n/prepared\n/features\n");
    repo.commitAll("Create ML pipeline stages");
    repo.tag("7-ml-pipeline");
  }

  private void readOnlyCommandsWork() {
    CliResult diff = jdvc.ok("diff", "2-track-data", "HEAD");
    assertTrue(diff.out().contains("data/data.xml"), diff.out());
    assertTrue(diff.out().contains("model.pkl"), diff.out());
    assertTrue(diff.err().contains("data/prepared"), "the directories compared as a whole are named: " + diff.err());
    CliResult log = jdvc.ok("log", "data/data.xml");
    assertTrue(log.out().contains("Create ML pipeline stages") && log.out().contains("Add raw data"), log.out());
    CliResult which = jdvc.ok("which", "a304afb96060aad90176268345e10355");
    assertTrue(which.out().contains("data/data.xml") && which.out().contains("2-track-data"), which.out());
    CliResult audit = jdvc.run("audit");
    assertEquals(ExitCode.AUDIT_MISSING, audit.exitCode(), "the data is missing from the empty cache, and said so: "
        + audit.out() + audit.err());
    CliResult status = jdvc.run("status", "--no-updates"); // the import's source is on github.com: not asked
    assertNotEquals(ExitCode.ERROR, status.exitCode(), status.out() + status.err());
    assertTrue(status.out().contains("data/data.xml") || status.out().contains("data.xml"), status.out());
    CliResult ls = jdvc.ok("ls");
    assertTrue(ls.out().contains("data/data.xml"), ls.out());
  }

  @Test
  void everyReadOnlyCommandWorksWithItsHttpsRemoteOutOfReach() {
    clone(CONFIG);
    readOnlyCommandsWork();
  }

  /** A push, the one command here that needs the remote, fails; its first line is returned. */
  private String pushFails() {
    repo.write("notes.txt", "n\n");
    jdvc.ok("add", "notes.txt");
    CliResult push = jdvc.run("push");
    assertEquals(ExitCode.ERROR, push.exitCode(), push.out() + push.err());
    return push.err();
  }

  /** Every kind of remote DVC speaks through a plugin that jdvc does not, with options of that kind. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "gs://dvc-public/remote/get-started|Google Cloud Storage|projectname = my-project",
      "azure://container/get-started|Azure Blob Storage|account_name = myaccount",
      "ssh://user@example.invalid/srv/dvc|SSH|port = 2222",
      "sftp://example.invalid/srv/dvc|SSH|keyfile = /home/me/.ssh/id_rsa",
      "hdfs://namenode.invalid/dvc|HDFS|kerb_ticket = /tmp/ticket",
      "webhdfs://namenode.invalid/dvc|WebHDFS|token = abc",
      "webdav://dav.example.invalid/dvc|WebDAV|user = me",
      "webdavs://dav.example.invalid/dvc|WebDAV|token = abc",
      "gdrive://0AIac4JZqHhKmUk9PDA/dvc|Google Drive|gdrive_use_service_account = true",
      "oss://bucket/get-started|Alibaba OSS|oss_endpoint = oss-cn-beijing.aliyuncs.com",
      "hf://datasets/me/data|scheme 'hf'|endpoint = https://huggingface.example.invalid"})
  void aRemoteOfAKindJdvcDoesNotSpeakBreaksOnlyTransfers(String url, String kind, String option) {
    clone(CONFIG.replace("https://remote.dvc.org.invalid/get-started", url) + "    " + option + "\n");
    readOnlyCommandsWork();
    String err = pushFails();
    String first = err.lines().findFirst().orElse("");
    String scheme = url.substring(0, url.indexOf("://") + 3);
    assertTrue(first.contains("'storage'") && first.contains(scheme) && first.contains(kind), err);
    assertTrue(err.contains("jdvc supports s3://"), err);
    for (String transfer : new String[] {"fetch", "pull"}) {
      CliResult r = jdvc.run(transfer, "model.pkl"); // a pipeline output: from the project's remote, never github
      assertEquals(ExitCode.ERROR, r.exitCode(), r.out() + r.err());
      assertTrue(r.err().lines().findFirst().orElse("").contains("'storage' (" + scheme), r.err());
    }
    CliResult cloud = jdvc.run("status", "-c");
    assertEquals(ExitCode.ERROR, cloud.exitCode());
    assertTrue(cloud.err().contains("'storage' (" + scheme), cloud.err());
  }

  @Test
  void aLocalRemoteWhoseDirectoryIsMissingBreaksNothingThatReadsHistory() {
    clone(CONFIG.replace("https://remote.dvc.org.invalid/get-started", "../../not-mounted/store"));
    readOnlyCommandsWork();
    assertTrue(pushFails().contains("not-mounted"));
  }
}
