package io.jdvc.tables;

import java.util.List;
import java.util.Map;

/**
 * One check of a checks file, parsed.
 *
 * @param text the check as written ({@code missing_count(label) = 0}), its name in reports unless {@code name} is set
 * @param metric the metric's function name: row_count, missing_count, avg, freshness, schema, ...
 * @param columns the metric's arguments
 * @param wrapper {@code change}, {@code anomaly} or null: the metric compared with its history
 * @param pass the condition for passing, or null when {@code warn}/{@code fail} are given instead
 * @param config the check's options: valid values, valid regex, method, ... (lower case keys)
 * @param line where the check is in the file (1-based), for messages
 */
public record CheckSpec(String text, String name, String metric, List<String> columns, String wrapper,
    Condition pass, Condition warn, Condition fail, Map<String, Object> config, int line) {

  public String label() {
    return name != null ? name : text;
  }
}
