package io.jdvc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class archive's training run (bin/jdvc): several everyday commands in one JVM, in a small Git repository
 * made for it, so that the archive holds the classes of status, add, Git staging, history, pipelines,
 * experiments, the data commands (profile, cold and cached, diff, catalog) and the S3 transfers (push, a no-op
 * push, pull into a clone, against {@link TrainingS3}), and not only those of one command. Without the transfers,
 * a no-op push of 20k objects loaded about 2,900 classes from the jars (1.3 s of CPU against 0.9 s with them in
 * the archive). Nothing a user runs goes through here.
 */
public final class ArchiveTraining {
  private ArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir.resolve("data/sub"));
    Files.writeString(dir.resolve("data/a"), "a\n");
    Files.writeString(dir.resolve("data/sub/b"), "b\n");
    // a table: data profile (cold, then from the profile cache), data diff and catalog read it
    Files.writeString(dir.resolve("table.csv"), "id,name\n1,a\n2,b\n");
    git(dir, "init", "-q");
    run(dir, List.of("init"));
    run(dir, List.of("add", "data", "table.csv"));
    git(dir, "-c", "user.name=jdvc", "-c", "user.email=jdvc@localhost", "-c", "commit.gpgsign=false", "commit", "-qm",
        "training");
    Files.writeString(dir.resolve("data/a"), "a2\n");
    // a pipeline with params and a metric: status's stage report, exp show, params and metrics read them
    Files.writeString(dir.resolve("params.yaml"), "train:\n  lr: 0.1\n");
    Files.writeString(dir.resolve("metrics.json"), "{\"acc\": 0.5}\n");
    Files.writeString(dir.resolve("dvc.yaml"), "stages:\n  train:\n    cmd: echo\n    deps: [data]\n"
        + "    params: [train.lr]\n    metrics:\n    - metrics.json:\n        cache: false\n");
    for (List<String> command : List.of(List.of("status"), List.of("diff", "HEAD"), List.of("log", "-n", "1",
        "data"), List.of("which", "data/sub/b"), List.of("exp", "show"), List.of("params", "diff"),
        List.of("metrics", "show"), List.of("data", "profile", "table.csv@HEAD"), List.of("data", "profile",
        "table.csv@HEAD"), List.of("data", "diff", "HEAD", "HEAD", "table.csv"), List.of("catalog", "--offline"),
        List.of("--version"))) {
      run(dir, command);
    }
    try {
      transfers(dir);
    } catch (Exception | LinkageError e) {
      // an archive without the transfer classes still serves every other command
    }
  }

  /** push, a no-op push and a pull into a fresh clone, through the S3 client, against an in-memory endpoint. */
  private static void transfers(Path dir) throws Exception {
    try (TrainingS3 s3 = new TrainingS3()) {
      run(dir, List.of("remote", "add", "-d", "s3", "s3://training/jdvc"));
      run(dir, List.of("remote", "modify", "s3", "endpointurl", s3.endpoint()));
      run(dir, List.of("remote", "modify", "s3", "access_key_id", "training"));
      run(dir, List.of("remote", "modify", "s3", "secret_access_key", "training"));
      run(dir, List.of("remote", "modify", "s3", "read_timeout", "5"));
      run(dir, List.of("push"));
      run(dir, List.of("push"));
      git(dir, "add", "-A", ".dvc/config");
      git(dir, "-c", "user.name=jdvc", "-c", "user.email=jdvc@localhost", "-c", "commit.gpgsign=false", "commit",
          "-qm", "remote");
      Path clone = dir.resolveSibling(dir.getFileName() + "-clone");
      git(dir.getParent(), "clone", "-q", dir.toString(), clone.toString());
      run(clone, List.of("pull"));
      run(clone, List.of("status", "-c"));
    }
  }

  private static void run(Path dir, List<String> command) {
    String[] all = new String[command.size() + 3];
    all[0] = "-q";
    all[1] = "-C";
    all[2] = dir.toString();
    for (int i = 0; i < command.size(); i++) {
      all[i + 3] = command.get(i);
    }
    picocli.CommandLine cmd = Main.newCommandLine(all);
    cmd.setOut(new PrintWriter(new StringWriter()));
    cmd.setErr(new PrintWriter(new StringWriter()));
    cmd.execute(all);
  }

  /** Git itself, which a user of jdvc has: the training repository is an ordinary one. */
  private static void git(Path dir, String... args) throws java.io.IOException, InterruptedException {
    String[] all = new String[args.length + 1];
    all[0] = "git";
    System.arraycopy(args, 0, all, 1, args.length);
    new ProcessBuilder(all).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }
}
