package io.jdvc.api;

import java.util.List;

/** Pointer files removed, and files left for the user to {@code git add} when autostage is off. */
public record RemoveResult(List<String> removed, List<String> unstaged) {}
