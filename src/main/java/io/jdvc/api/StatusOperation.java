package io.jdvc.api;

import io.jdvc.pipeline.PipelineStage;
import io.jdvc.pipeline.RepoIndex;
import io.jdvc.pipeline.StageInspector;
import io.jdvc.pipeline.StageReport;
import io.jdvc.workspace.OutputStatus;
import io.jdvc.workspace.TrackedOutput;
import io.jdvc.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdvc status}: compares each {@code .dvc} output with its pointer and each pipeline stage with its
 * {@code dvc.lock} entry (dependencies, params, outputs, command). Reads only files whose inode, mtime or size
 * changed since they were last hashed, so a warm status of an unchanged tree reads no file contents.
 */
public final class StatusOperation {
  private final Jdvc jdvc;
  private List<Path> targets = List.of();
  private boolean checkUpdates = true;

  StatusOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public StatusOperation targets(List<Path> value) {
    this.targets = List.copyOf(value);
    return this;
  }

  /**
   * Whether repository imports are checked for a newer commit of their source (DVC's default; {@code --no-updates}
   * turns it off): one {@code ls-remote} per source, the only part of status that may use the network.
   */
  public StatusOperation checkUpdates(boolean value) {
    this.checkUpdates = value;
    return this;
  }

  public StatusResult call() throws IOException {
    Workspace ws = jdvc.workspace();
    RepoIndex index = jdvc.index();
    List<TrackedOutput> selected = Targets.select(index, targets, jdvc);
    List<OutputStatus> result = new ArrayList<>();
    List<StageReport> stages = new ArrayList<>();
    try {
      for (TrackedOutput o : selected) {
        if (!o.isStageOutput()) {
          result.add(ws.status(o));
        }
      }
      StageInspector inspector = new StageInspector(ws);
      for (PipelineStage s : Targets.selectStages(index, targets, jdvc)) {
        if (s.definition().frozen()) {
          jdvc.notice("stage: '" + s.address() + "' is frozen. Its dependencies are not going to be shown in the "
              + "status output.");
        }
        stages.add(inspector.status(s, index.outputsOf(s)));
      }
    } finally {
      ws.saveState();
    }
    return new StatusResult(result, stages, checkUpdates ? ImportUpdates.of(jdvc, selected) : java.util.Map.of());
  }
}
