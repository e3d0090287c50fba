package io.jdvc.cli.render;

import io.jdvc.api.ParamsMetricsOperation.ParamsAndMetrics;
import io.jdvc.metrics.FileValues;
import io.jdvc.metrics.FlatValues;
import io.jdvc.metrics.RevisionValues;
import java.util.List;
import java.util.Map;

/**
 * The "Params and metrics" section of {@code audit --markdown}: for each audited revision, a table of its params
 * and one of its metrics (keys dotted, a file missing at the revision as {@code -}, an unreadable one named).
 */
public final class AuditValuesSection {
  private AuditValuesSection() {}

  /**
   * @param labels a heading per revision, in the same order as {@code values}
   */
  public static String markdown(List<String> labels, List<ParamsAndMetrics> values) {
    StringBuilder b = new StringBuilder("\n### Params and metrics\n");
    for (int i = 0; i < values.size(); i++) {
      b.append("\n#### ").append(labels.get(i)).append("\n\n");
      String unreadable = values.get(i).params().error();
      if (unreadable != null) { // the revision's dvc.yaml cannot be loaded: one reason for both tables
        b.append("- ").append(unreadable.replace("|", "\\|")).append('\n');
        continue;
      }
      table(b, "Param", values.get(i).params(), null);
      b.append('\n');
      table(b, "Metric", values.get(i).metrics(), ValuesRenderer.DEFAULT_PRECISION);
    }
    return b.toString();
  }

  private static void table(StringBuilder b, String title, RevisionValues values, Integer precision) {
    if (values.files().isEmpty()) {
      if (values.error() == null) {
        b.append("No ").append(title.toLowerCase(java.util.Locale.ROOT)).append(" files.\n");
      }
    } else {
      Table t = new Table(List.of("Path", title, "Value"));
      for (Map.Entry<String, FileValues> file : values.files().entrySet()) {
        Map<String, Object> flat = FlatValues.flatten(file.getValue().data());
        if (flat.isEmpty()) {
          t.row(List.of(file.getKey(), "-", file.getValue().status() == FileValues.Status.ERROR ? "unreadable" : "-"));
        }
        flat.forEach((k, v) -> t.row(List.of(file.getKey(), k, ValuesRenderer.text(v, precision))));
      }
      b.append(t.markdown()).append('\n');
    }
    values.errors().forEach(e -> b.append("\n- ").append(e.replace("|", "\\|")).append('\n'));
  }
}
