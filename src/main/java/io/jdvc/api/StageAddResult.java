package io.jdvc.api;

import java.util.List;

/**
 * The stage written ({@code address} as DVC names it: {@code train} or {@code sub/dvc.yaml:train}), the
 * repo-relative {@code dvc.yaml} it went to, and the files left for {@code git add} when autostage is off.
 */
public record StageAddResult(String address, String dvcFile, List<String> unstaged) {}
