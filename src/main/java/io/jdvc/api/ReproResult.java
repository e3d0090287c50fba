package io.jdvc.api;

import java.util.List;

/**
 * What {@code repro} did.
 *
 * @param ran the stages that ran, were restored from the run cache or (with {@code --dry}) would run
 * @param failed stages whose command failed, with {@code -k} or {@code --ignore-errors}
 * @param unstaged the {@code dvc.lock} files written that Git should track, when {@code core.autostage} is off
 */
public record ReproResult(List<String> ran, List<String> failed, List<String> unstaged) {}
