package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plots show/diff} over a real Git history of three revisions, and cached metrics read from the cache or a
 * remote. The HTML is also loaded in headless Chromium (Debian's {@code chromium}; skipped with a message where it
 * is not installed): the rendered page must have one chart per declared plot and one series per revision, and a
 * screenshot is kept in {@code target/plots-screenshots/} for people to look at.
 */
class PlotsIT {
  /** A 1×1 PNG. */
  private static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

  private static final String DVC_YAML = """
      stages:
        train:
          cmd: python train.py
          plots:
          - plots/loss.csv:
              cache: false
              x: epoch
              y: loss
      plots:
      - losses:
          x: epoch
          y:
            plots/loss.csv: [loss, val_loss]
      - plots/prc.json:
          x: recall
          y: precision
          title: Precision-recall
      - confusion:
          template: confusion
          x: actual
          y:
            plots/classes.json: predicted
      - importance:
          template: bar_horizontal
          x: gain
          y:
            plots/importance.json: feature
      - plots/smooth.tsv:
          template: smooth
      - plots/scatter.yaml:
          template: scatter
          x: a
          y: b
      - images/roc.png
      """;

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    jdvc = new CliRunner(repo.root());
    jdvc.ok("init");
    repo.write("dvc.yaml", DVC_YAML);
    for (int rev = 1; rev <= 3; rev++) {
      writeData(rev);
      if (rev < 3) {
        repo.commitAll("v" + rev);
        repo.tag("v" + rev);
      }
    }
  }

  private void writeData(int rev) {
    StringBuilder loss = new StringBuilder("epoch,loss,val_loss\n");
    StringBuilder smooth = new StringBuilder("step\tvalue\n");
    for (int i = 0; i < 10; i++) {
      loss.append(i).append(',').append(1.0 / (i + rev)).append(',').append(1.2 / (i + rev)).append('\n');
      smooth.append(i).append('\t').append(Math.sin(i + rev)).append('\n');
    }
    repo.write("plots/loss.csv", loss.toString());
    repo.write("plots/smooth.tsv", smooth.toString());
    repo.write("plots/prc.json", "{\"prc\": [{\"recall\": 0.1, \"precision\": 0.9}, {\"recall\": 0.5, \"precision\": "
        + (0.9 - rev * 0.1) + "}, {\"recall\": 0.9, \"precision\": 0.4}]}");
    repo.write("plots/classes.json", "[{\"actual\": \"cat\", \"predicted\": \"cat\"}, {\"actual\": \"dog\", "
        + "\"predicted\": \"" + (rev == 1 ? "cat" : "dog") + "\"}, {\"actual\": \"dog\", \"predicted\": \"dog\"}]");
    repo.write("plots/importance.json", "[{\"feature\": \"age\", \"gain\": " + rev + "}, {\"feature\": \"income\","
        + " \"gain\": 2.5}]");
    repo.write("plots/scatter.yaml", "points:\n- {a: 1, b: " + rev + "}\n- {a: 2, b: 3}\n");
    repo.write("images/roc.png", PNG);
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  @Test
  void showWritesOneSelfContainedPageWithAChartPerPlot() throws IOException {
    CliResult r = jdvc.ok("plots", "show");
    Path html = repo.path("dvc_plots/index.html");
    assertEquals(html.toUri() + "\n", r.out());
    String page = Files.readString(html);
    assertEquals(8, count(page, "<section class=\"plot\""), "one section per declared plot");
    assertEquals(7, count(page, "<svg "), "seven charts, and the image as it is");
    assertTrue(page.contains("src=\"data:image/png;base64,"), "the image is embedded");
    assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(page).find(), "nothing is fetched at view time");
    assertFalse(page.contains("<script"), page);
  }

  @Test
  void diffDrawsOneSeriesPerRevisionAndYField() throws IOException {
    jdvc.ok("plots", "diff", "v1", "v2", "workspace", "-o", "out");
    String page = Files.readString(repo.path("out/index.html"));
    String losses = section(page, "losses");
    assertEquals(6, count(losses, "class=\"series\""), "three revisions × two y fields");
    assertTrue(losses.contains("data-series=\"v1 · val_loss\""), losses);
    assertEquals(3, count(section(page, "plots/loss.csv"), "class=\"series\""));
    assertEquals(3, count(section(page, "plots/prc.json"), "class=\"series\""));
    assertEquals(3, count(section(page, "confusion"), "class=\"series\""), "a matrix per revision");
    assertEquals(3, count(section(page, "images/roc.png"), "<img "), "the image at each revision");
  }

  @Test
  void aFieldMissingFromTheDataIsNamed() {
    repo.write("dvc.yaml", DVC_YAML.replace("y: precision", "y: precison"));
    CliResult r = jdvc.ok("plots", "show", "--json");
    assertTrue(r.err().contains("field 'precison' is not in plots/prc.json (its fields: recall, precision)"),
        r.err());
  }

  @Test
  void jsonPrintsTheDataPointsWithTheirRevision() {
    String out = jdvc.ok("plots", "diff", "v1", "--json", "--targets", "plots/scatter.yaml").out();
    String flat = out.replaceAll("\\s+", "");
    assertTrue(flat.contains("{\"a\":1,\"b\":1,\"rev\":\"v1\",\"filename\":\"plots/scatter.yaml\",\"field\":\"b\"}"),
        out);
    assertTrue(flat.contains("{\"a\":1,\"b\":3,\"rev\":\"workspace\""), out);
    assertFalse(Files.exists(repo.path("dvc_plots")), "--json writes no page");
  }

  @Test
  void cachedMetricsComeFromTheCacheOrWithPullFromTheRemote() throws IOException {
    repo.write("dvc.yaml", """
        stages:
          evaluate:
            cmd: echo '{"auc":0.91}' > scores.json
            metrics:
            - scores.json
        """);
    jdvc.ok("repro");
    repo.write(".gitignore", "/scores.json\n"); // a cached output stays out of Git, so only the cache has it
    repo.commitAll("evaluate");
    Files.delete(repo.path("scores.json"));
    assertEquals("Path         auc\nscores.json  0.91\n", jdvc.ok("metrics", "show").out(),
        "a cached metrics file absent from the workspace is read from the cache by its dvc.lock md5");
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    jdvc.ok("remote", "add", "-d", "store", remote.toString());
    jdvc.ok("push");
    deleteTree(repo.path(".dvc/cache"));
    CliResult withoutCache = jdvc.ok("metrics", "show", "-r", "HEAD");
    assertFalse(withoutCache.out().contains("0.91"), "neither the work tree nor the cache has it now: "
        + withoutCache.out());
    String pulled = jdvc.ok("metrics", "show", "--pull").out();
    assertEquals("Path         auc\nscores.json  0.91\n", pulled);
  }

  @Test
  void chromiumRendersTheChartsWithoutNetwork() throws Exception {
    String chromium = findChromium();
    Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium); skipping the"
        + " browser check");
    jdvc.ok("plots", "diff", "v1", "v2");
    Path html = repo.path("dvc_plots/index.html");
    Path shots = Path.of("target/plots-screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    Path profile = tmp.resolve("chromium-profile");
    List<String> base = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--user-data-dir=" + profile, "--proxy-server=127.0.0.1:9", "--window-size=1400,1800");
    String dom = run(concat(base, "--dump-dom", html.toUri().toString()));
    assertEquals(7, count(dom, "<svg "), "the browser built seven charts");
    assertEquals(2, count(section(dom, "plots/prc.json"), "class=\"series\""), "v1 and v2");
    run(concat(base, "--screenshot=" + shots.resolve("plots-diff.png"), html.toUri().toString()));
    assertTrue(Files.size(shots.resolve("plots-diff.png")) > 10_000, "a screenshot with content");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static String findChromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
    return out;
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private static String section(String page, String id) {
    int start = page.indexOf("data-plot-id=\"" + id + "\"");
    assertTrue(start >= 0, "no plot " + id);
    int end = page.indexOf("</section>", start);
    return page.substring(start, end);
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }
}
