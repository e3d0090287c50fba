package io.jdvc.tables;

import io.jdvc.git.RevisionRef;
import java.util.Map;

/**
 * One version of a table in its history, with metrics measured on its profile.
 *
 * @param commit the commit that introduced this version
 * @param values each asked metric's value (NaN when it could not be measured; see {@code errors})
 * @param errors why a metric could not be measured, by metric
 */
public record TableVersion(RevisionRef commit, TableProfile profile, Map<String, Double> values,
    Map<String, String> errors) {}
