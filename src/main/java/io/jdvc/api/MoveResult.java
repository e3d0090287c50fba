package io.jdvc.api;

import java.util.List;

/** Where an output went, its new pointer file, and files left to {@code git add} when autostage is off. */
public record MoveResult(String from, String to, String dvcFile, List<String> unstaged) {}
