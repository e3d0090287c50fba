package io.jdvc.cli;

import io.jdvc.api.Jdvc;
import io.jdvc.cli.render.Json;
import io.jdvc.cli.render.TextTable;
import io.jdvc.tables.Column;
import io.jdvc.tables.DataQuality;
import io.jdvc.tables.ResolvedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Show a table's columns and types (for Parquet from the file footer; from a cached profile when "
        + "there is one).")
final class DataSchemaCommand extends TableCommand {
  @Override
  public Integer call() throws Exception {
    try (Jdvc jdvc = open(); DataQuality dq = jdvc.data().readOptions(format.options())) {
      ResolvedTable t = dq.resolve(table);
      List<Column> cols = dq.schema(t);
      if (output.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", 1);
        m.put("table", t.label());
        m.put("commit", t.commit());
        m.put("format", t.format().id());
        m.put("files", t.files().size());
        List<Object> cj = new ArrayList<>();
        cols.forEach(c -> cj.add(Json.object("name", c.name(), "type", c.type())));
        m.put("columns", cj);
        out().print(Json.write(m));
      } else {
        TextTable tt = new TextTable("#", "column", "type");
        for (int i = 0; i < cols.size(); i++) {
          tt.row(i + 1, cols.get(i).name(), cols.get(i).type());
        }
        out().print(output.md() ? tt.markdown() : tt.text());
      }
      out().flush();
      return ExitCode.OK;
    }
  }
}
