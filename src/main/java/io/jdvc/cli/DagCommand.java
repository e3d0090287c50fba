package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.pipeline.Dag;
import io.jdvc.pipeline.DagRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dag", mixinStandardHelpOptions = true,
    description = {"Draw the pipelines: stages and .dvc files, each below those whose outputs it depends on.",
        "With TARGET, only it and what it depends on (--full: its whole pipeline)."})
final class DagCommand extends RepoCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
      description = "A stage (NAME, sub/dvc.yaml:NAME), a .dvc file, or an output path.")
  String target;

  @Option(names = "--dot", description = "Print the graph in Graphviz dot format.")
  boolean dot;

  @Option(names = "--mermaid", description = "Print the graph in Mermaid format.")
  boolean mermaid;

  @Option(names = "--md", description = "Print the Mermaid graph in a Markdown code block.")
  boolean markdown;

  @Option(names = "--full", description = "With TARGET: the whole pipeline it belongs to, not only its upstream.")
  boolean full;

  @Option(names = {"-o", "--outs"}, description = "Draw outputs instead of stages.")
  boolean outs;

  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open()) {
      Dag dag = jdvc.dag().target(target).full(full).outs(outs).call();
      if (dot) { // DVC's precedence when several formats are asked for
        out().println(DagRenderer.dot(dag));
      } else if (mermaid || markdown) {
        out().println(markdown ? DagRenderer.markdown(dag) : DagRenderer.mermaid(dag));
      } else if (!dag.nodes().isEmpty()) {
        out().println(DagRenderer.ascii(dag));
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
