package io.jdvc.api;

import io.jdvc.repo.ConfigLevel;
import java.nio.file.Path;

/**
 * One remote option set or unset. Carries no value, so a credential cannot leak through it.
 *
 * @param secretInTrackedConfig a credential was written to the Git-tracked {@code .dvc/config}
 */
public record RemoteModifyResult(String name, String option, boolean unset, ConfigLevel level, Path configFile,
    boolean secretInTrackedConfig) {}
