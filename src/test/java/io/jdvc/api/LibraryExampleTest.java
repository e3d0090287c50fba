package io.jdvc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.repo.ConfigFile;
import io.jdvc.testing.TempGitRepo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/library.md, compiled and run here, and a check that the page shows exactly this code. Edit
 * the region between the markers and paste it into the page (or the other way round); the second test fails until
 * both agree.
 */
class LibraryExampleTest {
  private static final String BEGIN = "// BEGIN library-example";
  private static final String END = "// END library-example";

  @TempDir Path tmp;

  static void example(Path project, Path storage) throws IOException {
    // BEGIN library-example
    // 'jdvc init': writes .dvc/config, .dvc/.gitignore and .dvcignore, and stages them in Git.
    Jdvc.init(project).call();

    // Remotes live in .dvc/config (DVC's INI format); here a local directory, made the default remote.
    Path configPath = project.resolve(".dvc/config");
    ConfigFile config = ConfigFile.read(configPath);
    config.setRemoteOption("backup", "url", storage.toString());
    config.set("core.remote", "backup");
    config.save(configPath);

    // Progress goes to a listener; it is called from worker threads, so it must be thread-safe.
    List<String> phases = new CopyOnWriteArrayList<>();
    ProgressListener progress = new ProgressListener() {
      @Override
      public void begin(String task, long totalItems, long totalBytes) {
        phases.add(task);
      }
    };

    try (Jdvc jdvc = Jdvc.open(project).progress(progress).notices(msg -> System.err.println("WARNING: " + msg))) {
      // 'jdvc add data -m "Track raw data"': hash into the cache, write data.dvc, stage it, commit.
      AddResult added = jdvc.add().targets(List.of(Path.of("data"))).message("Track raw data").call();
      for (AddResult.Added a : added.outputs()) {
        System.out.println(a.dvcFile() + ": " + a.oid() + ", " + a.nfiles() + " files, " + a.size() + " bytes");
      }

      // 'jdvc status'
      StatusResult status = jdvc.status().call();
      System.out.println(status.clean() ? "clean" : status.changed().size() + " outputs changed");

      // 'jdvc push -j 4' to core.remote; .remote("name") would pick another one.
      TransferResult pushed = jdvc.push().jobs(4).call();
      System.out.println(pushed.transferred() + " objects pushed, " + pushed.bytes() + " bytes, ok=" + pushed.ok());
      System.out.println("progress phases: " + phases);

      // Errors a user can fix are JdvcExceptions: a one-line message and a hint for the next step.
      try {
        jdvc.add().targets(List.of(Path.of("no-such-file"))).call();
      } catch (JdvcException e) {
        System.out.println("ERROR: " + e.getMessage() + " (hint: " + e.hint() + ")");
      }
    }
    // END library-example
  }

  /** The standard output the example prints, shown in docs/library.md under "It prints". */
  static final String EXPECTED_OUTPUT = """
      data.dvc: dc8aba4daa81b3b9140fbb0272294b07.dir, 2 files, 14 bytes
      clean
      3 objects pushed, 148 bytes, ok=true
      progress phases: [Adding data, Pushing to backup, Pushing manifests to backup]
      ERROR: 'no-such-file' does not exist (hint: check the path)
      """;

  @Test
  void exampleRunsInAGitRepository() throws Exception {
    try (TempGitRepo repo = TempGitRepo.create(tmp.resolve("project"))) {
      repo.write("data/a.txt", "hello\n");
      repo.write("data/sub/b.csv", "x,y\n1,2\n");
      Path storage = Files.createDirectories(tmp.resolve("storage"));

      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream original = System.out;
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        example(repo.root(), storage);
      } finally {
        System.setOut(original);
      }
      String out = captured.toString(StandardCharsets.UTF_8);
      assertEquals(EXPECTED_OUTPUT, out);

      // on disk: the pointer, its commit, the cache and the remote
      assertTrue(Files.readString(repo.path("data.dvc")).contains("  nfiles: 2\n  hash: md5\n  path: data\n"));
      assertEquals("/data\n", Files.readString(repo.path(".gitignore")));
      assertEquals("Track raw data", repo.git().log().setMaxCount(1).call().iterator().next().getFullMessage());
      assertTrue(Files.exists(repo.path(".dvc/cache/files/md5/b1/946ac92492d2347c6235b4d2611184")), "hello\\n cached");
      assertTrue(Files.exists(storage.resolve("files/md5/b1/946ac92492d2347c6235b4d2611184")), "hello\\n pushed");
      assertFalse(Files.exists(repo.path("no-such-file")));
    }
  }

  @Test
  void docsShowExactlyTheTestedCode() throws IOException {
    String source = Files.readString(Path.of("src/test/java/io/jdvc/api/LibraryExampleTest.java"),
        StandardCharsets.UTF_8);
    // the marker strings appear once as constants above; the region is between the comment lines
    int begin = source.indexOf("\n    " + BEGIN + "\n");
    int end = source.indexOf("\n    " + END + "\n");
    assertTrue(begin > 0 && end > begin, "markers not found in the test source");
    String region = dedent(source.substring(source.indexOf('\n', begin + 1) + 1, end + 1));

    String doc = Files.readString(Path.of("docs/library.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- example: LibraryExampleTest -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(doc);
    assertTrue(m.find(), "docs/library.md lacks the ```java block after <!-- example: LibraryExampleTest -->");
    assertEquals(region, m.group(1), "docs/library.md and LibraryExampleTest disagree: copy the marked region");
    Matcher printed = Pattern.compile("<!-- output: LibraryExampleTest -->\\s*```text\\n(.*?)```", Pattern.DOTALL)
        .matcher(doc);
    assertTrue(printed.find(), "docs/library.md lacks the ```text block after <!-- output: LibraryExampleTest -->");
    assertEquals(EXPECTED_OUTPUT, printed.group(1), "docs/library.md shows other output than the example prints");
  }

  /** Removes the indentation common to all non-blank lines. */
  static String dedent(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      b.append(l.isBlank() ? "" : l.substring(indent));
      if (i < lines.size() - 1) {
        b.append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void dedentKeepsRelativeIndentation() {
    assertEquals("a\n  b\n\nc\n", dedent("    a\n      b\n\n    c\n"));
    assertFalse(dedent("  x\n").startsWith(" "));
  }
}
