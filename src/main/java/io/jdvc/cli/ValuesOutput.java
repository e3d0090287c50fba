package io.jdvc.cli;

import io.jdvc.api.DiffOfValues;
import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.ShownPaths;
import io.jdvc.cli.render.Table;
import io.jdvc.cli.render.ValuesRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output flags that {@code params diff} and {@code metrics diff} share, and the printing of their result. */
final class ValuesOutput {
  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--md", description = "Print the table in Markdown (GitHub) format.")
  boolean markdown;

  @Option(names = "--no-path", description = "Leave out the Path column.")
  boolean noPath;

  void printDiff(ShownPaths paths, DiffOfValues raw, String title, boolean changes, boolean percent,
      Integer precision, PrintWriter out, PrintWriter err, boolean quiet) {
    DiffOfValues result = new DiffOfValues(raw.aRev(), raw.bRev(), paths.of(raw.diff()),
        raw.errors());
    if (!quiet) {
      result.errors().forEach(e -> err.println("WARNING: " + e));
      err.flush();
    }
    if (json) {
      out.print(Json.write(ValuesRenderer.diffJson(result.diff(), percent)));
    } else {
      Table t = ValuesRenderer.diffTable(result.diff(), title, result.aRev(), result.bRev(), changes, percent,
          precision, noPath);
      print(t, out);
    }
    out.flush();
  }

  /** Paths relative to the directory jdvc runs in, as DVC prints them. */
  static ShownPaths shownPaths(Jdvc jdvc, Path workingDir) {
    return new ShownPaths(jdvc.root(), workingDir);
  }

  /** DVC's table output: nothing for an empty plain table; Markdown ends with a blank line. */
  void print(Table t, PrintWriter out) {
    if (markdown) {
      out.println(t.markdown());
      out.println();
    } else if (!t.isEmpty()) {
      out.println(t.plain());
    }
  }
}
