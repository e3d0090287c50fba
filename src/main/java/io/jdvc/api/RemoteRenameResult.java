package io.jdvc.api;

import io.jdvc.repo.ConfigLevel;
import java.util.List;

/** A renamed remote: the levels it was renamed in, and whether {@code core.remote} followed it. */
public record RemoteRenameResult(String oldName, String newName, List<ConfigLevel> renamedIn, boolean isDefault) {}
