package io.jdvc.api;

import io.jdvc.AtomicFiles;
import io.jdvc.metrics.RevisionFiles;
import io.jdvc.metrics.RevisionPipelines;
import io.jdvc.plots.HtmlReport;
import io.jdvc.plots.Plot;
import io.jdvc.plots.PlotCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc plots show} and {@code jdvc plots diff}: the plots declared in {@code dvc.yaml} with their data at
 * each revision, one series per revision, written as one self-contained HTML page ({@code dvc_plots/index.html}
 * unless told otherwise) or, with {@link #writeHtml} false, only returned. {@code show} reads the workspace;
 * {@code diff} with no revision compares HEAD and the workspace, with one that revision and the workspace, with
 * more exactly those, as DVC's {@code plots diff}.
 */
public final class PlotsOperation {
  private final Jdvc jdvc;
  private List<String> revisions = List.of();
  private boolean diff;
  private List<Path> targets = List.of();
  private Path output = Path.of("dvc_plots");
  private boolean writeHtml = true;
  private boolean pull;

  PlotsOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  /** {@code plots diff}: compare revisions (see the class comment); otherwise only the workspace is drawn. */
  public PlotsOperation diff(List<String> revs) {
    this.diff = true;
    this.revisions = List.copyOf(revs);
    return this;
  }

  /** Plot ids or data files (relative to the working directory) to draw instead of every declared plot. */
  public PlotsOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  /** The directory for {@code index.html}, relative to the working directory. */
  public PlotsOperation output(Path value) {
    this.output = value;
    return this;
  }

  public PlotsOperation writeHtml(boolean value) {
    this.writeHtml = value;
    return this;
  }

  /** Download cached plots files that the cache lacks from the default remote. */
  public PlotsOperation pull(boolean value) {
    this.pull = value;
    return this;
  }

  /**
   * @param errors revisions left out because their pipelines cannot be loaded, each naming the file and revision
   * @param html the page written, or null when none was (not asked for, or no plots)
   */
  public record PlotsResult(List<String> revisions, List<Plot> plots, List<String> errors, Path html) {
    public PlotsResult {
      errors = List.copyOf(errors);
    }
  }

  public PlotsResult call() throws IOException {
    try (RevisionReader reader = new RevisionReader(jdvc, pull)) {
      List<String> revs = revisionsToDraw(reader);
      List<RevisionPipelines> opened = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (String rev : revs) {
        RevisionPipelines r = reader.open(rev);
        if (r.loadError() == null) {
          opened.add(r);
        } else { // as DVC, a revision whose dvc.yaml cannot be loaded is reported and the others are drawn
          errors.add(r.loadError());
          jdvc.notice(r.loadError());
        }
      }
      // a plot id is a data file's path or a name from dvc.yaml; both are taken relative to the working directory
      List<Plot> plots = PlotCollector.collect(opened, MetricsShowOperation.repoPaths(jdvc, targets));
      plots.forEach(p -> p.notes().forEach(n -> jdvc.notice(p.definition().id() + ": " + n)));
      Path html = null;
      if (writeHtml && !plots.isEmpty()) { // as DVC, no page when there is nothing to draw
        html = jdvc.resolve(output).resolve("index.html");
        Files.createDirectories(html.getParent());
        AtomicFiles.write(html, HtmlReport.render(plots, revs, errors).getBytes(StandardCharsets.UTF_8));
      }
      return new PlotsResult(revs, plots, errors, html);
    }
  }

  private List<String> revisionsToDraw(RevisionReader reader) {
    if (!diff) {
      return List.of(RevisionFiles.WORKSPACE);
    }
    List<String> revs = new ArrayList<>(revisions);
    if (revs.size() <= 1) {
      if (revs.isEmpty() && reader.hasCommits()) {
        revs.add("HEAD");
      }
      revs.add(RevisionFiles.WORKSPACE);
    }
    return revs;
  }
}
