package io.jdvc.api;

import io.jdvc.repo.ConfigLevel;
import java.util.List;

/** A removed remote, the levels it was removed from, and whether it was the default (now unset). */
public record RemoteRemoveResult(String name, List<ConfigLevel> removedFrom, boolean wasDefault) {}
