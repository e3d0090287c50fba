package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.Chromium;
import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
  void showTakesPlotIdsAndDataFilesAsTargets() {
    String out = jdvc.ok("plots", "show", "--json", "losses", "plots/prc.json").out();
    String flat = out.replaceAll("\\s+", "");
    assertTrue(flat.contains("\"plots\":{\"losses\":{") && flat.contains("\"plots/prc.json\":{"), out);
    assertFalse(flat.contains("\"confusion\":{") || flat.contains("\"plots/loss.csv\":{"), out);
    jdvc.ok("plots", "show", "plots/prc.json");
    assertEquals(1, count(readPage("dvc_plots/index.html"), "<section class=\"plot\""));
    jdvc.ok("plots", "show", "plots/");
    assertEquals(4, count(readPage("dvc_plots/index.html"), "<section class=\"plot\""),
        "a directory stands for the plots of the files in it: loss.csv, prc.json, smooth.tsv, scatter.yaml");
  }

  @Test
  void severalFilesInOnePlotEachWithItsOwnX() {
    repo.write("dvc.yaml", """
        plots:
        - roc_vs_prc:
            x:
              eval/prc.json: recall
              eval/roc.json: fpr
            y:
              eval/prc.json: precision
              eval/roc.json: tpr
        - confusion:
            template: confusion
            x:
              eval/actual.csv: actual
            y:
              eval/preds.csv: predicted
        """);
    repo.write("eval/prc.json", "[{\"recall\": 0.2, \"precision\": 0.9}, {\"recall\": 0.8, \"precision\": 0.5}]");
    repo.write("eval/roc.json", "{\"roc\": [{\"fpr\": 0, \"tpr\": 0}, {\"fpr\": 0.5, \"tpr\": 0.75},"
        + " {\"fpr\": 1, \"tpr\": 1}]}");
    repo.write("eval/actual.csv", "actual\ncat\ndog\ndog\n");
    repo.write("eval/preds.csv", "predicted\ncat\ncat\ndog\n");
    String flat = jdvc.ok("plots", "show", "--json").out().replaceAll("\\s+", "");
    assertTrue(flat.contains("\"series\":[{\"rev\":\"workspace\",\"filename\":\"eval/prc.json\",\"x\":\"recall\","
        + "\"y\":\"precision\"},{\"rev\":\"workspace\",\"filename\":\"eval/roc.json\",\"x\":\"fpr\",\"y\":\"tpr\"}]"),
        flat);
    assertTrue(flat.contains("{\"fpr\":0.5,\"tpr\":0.75,\"rev\":\"workspace\",\"filename\":\"eval/roc.json\","
        + "\"field\":\"tpr\"}"), flat);
    assertTrue(flat.contains("{\"predicted\":\"cat\",\"actual\":\"dog\",\"rev\":\"workspace\""),
        "x joined row by row from another file: " + flat);
    jdvc.ok("plots", "show");
    String page = readPage("dvc_plots/index.html");
    assertEquals(2, count(section(page, "roc_vs_prc"), "class=\"series\""), "one series per file");
    assertTrue(section(page, "confusion").contains(">2</text>") || section(page, "confusion").contains(">1</text>"));
  }

  @Test
  void openHandsThePageToTheBrowserInBrowserEnv() throws Exception {
    Path opener = repo.write("opener.sh", "#!/bin/sh\nprintf '%s' \"$1\" > \"$(dirname \"$0\")/opened.txt\"\n");
    opener.toFile().setExecutable(true);
    ProcessBuilder pb = io.jdvc.testing.JdvcChild.command(repo.root(), "plots", "show", "--open", "-o", "page")
        .redirectErrorStream(true);
    pb.environment().put("BROWSER", opener.toString()); // as Python's webbrowser, which DVC's --open uses
    pb.environment().remove("DISPLAY");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    String url = repo.path("page/index.html").toUri().toString();
    assertEquals(url, Files.readString(repo.path("opened.txt")), out);
    assertTrue(out.contains(url), out);
  }

  @Test
  void aRevisionWhoseDvcYamlCannotBeLoadedIsNamedAndTheOthersAreDrawn() throws IOException {
    repo.write("dvc.yaml", DVC_YAML + "unknown: 1\n");
    CliResult r = jdvc.ok("plots", "diff", "v1", "v2", "workspace");
    assertTrue(r.err().contains("dvc.yaml") && r.err().contains("(at workspace)"), r.err());
    String prc = section(readPage("dvc_plots/index.html"), "plots/prc.json");
    assertEquals(2, count(prc, "class=\"series\""), "v1 and v2 drawn: " + prc);
    assertTrue(readPage("dvc_plots/index.html").contains("<p class=\"note\">dvc.yaml"), "the page names it too");
    String json = jdvc.ok("plots", "diff", "v1", "workspace", "--json").out().replaceAll("\\s+", "");
    assertTrue(json.contains("\"errors\":[\"dvc.yaml") && json.contains("\"rev\":\"v1\""), json);
  }

  @Test
  void aTemplateJdvcDoesNotDrawIsNamedOnItsPlotOnly() throws IOException {
    repo.write("dvc.yaml", DVC_YAML.replace("template: scatter", "template: my_custom"));
    CliResult r = jdvc.ok("plots", "show");
    assertTrue(r.err().contains("plots/scatter.yaml: template 'my_custom' is not one jdvc draws"), r.err());
    assertEquals(6, count(readPage("dvc_plots/index.html"), "<svg "), "the other six charts");
  }

  @Test
  void noPlotsWritesNoPage() {
    repo.write("dvc.yaml", "stages:\n  train:\n    cmd: echo\n");
    CliResult r = jdvc.ok("plots", "show");
    assertEquals("", r.out());
    assertTrue(r.err().contains("No plots were loaded, visualization file will not be created."), r.err());
    assertFalse(Files.exists(repo.path("dvc_plots")));
  }

  @Test
  void chromiumRendersTheChartsWithoutNetwork() throws Exception {
    String chromium = Chromium.find();
    Assumptions.assumeTrue(chromium != null, "no headless browser, skipping the browser check: " + Chromium.whyNot());
    jdvc.ok("plots", "diff", "v1", "v2");
    Path html = repo.path("dvc_plots/index.html");
    Path shots = Path.of("target/plots-screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    Path profile = tmp.resolve("chromium-profile");
    // every connection goes to a proxy that refuses it: the page must not need the network
    List<String> base = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--proxy-server=127.0.0.1:9", "--window-size=1400,1800");
    String dom = run(concat(base, "--dump-dom", html.toUri().toString()));
    assertEquals(8, count(dom, "<section class=\"plot\""), "one section per declared plot");
    assertEquals(7, count(dom, "<svg "), "the browser built seven charts, one in each data plot's section");
    Map<String, Integer> series = Map.of("plots/loss.csv", 2, "losses", 4, "plots/prc.json", 2, "confusion", 2,
        "importance", 2, "plots/smooth.tsv", 2, "plots/scatter.yaml", 2);
    series.forEach((id, n) -> {
      String chart = section(dom, id);
      assertEquals(1, count(chart, "<svg "), id);
      assertEquals(n, count(chart, "class=\"series\""), id + ": one series per revision and y field");
    });
    assertEquals(2, count(section(dom, "images/roc.png"), "<img "), "the image at v1 and at v2");
    run(concat(base, "--screenshot=" + shots.resolve("plots-diff.png"), html.toUri().toString()));
    assertTrue(Files.size(shots.resolve("plots-diff.png")) > 10_000, "a screenshot with content");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private String readPage(String rel) {
    try {
      return Files.readString(repo.path(rel));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
