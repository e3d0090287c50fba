package io.jdvc.history;

import java.util.List;
import java.util.Map;

/**
 * One stage of a {@code dvc.lock}: what ran and what it read and wrote, as DVC recorded it when the stage last ran.
 *
 * @param cmd the command (a list of commands is joined with newlines)
 * @param params parameter file to (dotted key to resolved value), in file order
 */
public record LockedStage(String name, String cmd, List<RecordedOutput> deps, Map<String, Map<String, Object>> params,
    List<RecordedOutput> outs) {
  public LockedStage {
    deps = List.copyOf(deps);
    outs = List.copyOf(outs);
  }
}
