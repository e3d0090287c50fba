package io.jdvc.cli.render;

import io.jdvc.audit.AuditReport;
import io.jdvc.audit.RunCacheAudit;
import io.jdvc.audit.RunEntryAudit;
import io.jdvc.object.Oid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run-cache part of an audit report, in the three forms of {@link AuditRenderer}. */
final class RunCacheAuditRenderer {
  private RunCacheAuditRenderer() {}

  /** {@code 3f2a9c1e/77ab01cd}: enough of the key and value to tell entries apart in a table. */
  private static String shortName(RunEntryAudit e) {
    return e.entry().key().substring(0, 8) + "/" + e.entry().value().substring(0, 8);
  }

  private static String command(RunEntryAudit e) {
    if (e.run() == null) {
      return "?";
    }
    String cmd = e.run().cmd() instanceof List<?> l ? String.join(" && ", l.stream().map(String::valueOf).toList())
        : (String) e.run().cmd();
    cmd = cmd.replace('\n', ' ');
    return cmd.length() > 40 ? cmd.substring(0, 39) + "…" : cmd;
  }

  static String status(RunEntryAudit e) {
    List<String> parts = new ArrayList<>();
    if (e.entryCorrupt()) {
      parts.add("corrupt entry");
    }
    if (!e.corrupt().isEmpty()) {
      parts.add(e.corrupt().size() + " corrupt");
    }
    if (!e.missingFrom().isEmpty()) {
      parts.add("not on " + String.join(", ", e.missingFrom()));
    }
    if (!e.missing().isEmpty()) {
      parts.add(e.missing().size() + " missing");
    }
    if (!e.expanded()) {
      parts.add("manifest missing");
    }
    return parts.isEmpty() ? "ok" : String.join(", ", parts);
  }

  private static String states(AuditReport r, RunEntryAudit e) {
    List<String> parts = new ArrayList<>();
    r.stores().forEach(s -> parts.add(s + ": " + e.state(s).label()));
    return String.join(", ", parts);
  }

  static void text(StringBuilder b, AuditReport r) {
    RunCacheAudit rc = r.runCache();
    if (rc == null) {
      return;
    }
    b.append("\nRun cache: ").append(rc.entries().size()).append(" entr").append(rc.entries().size() == 1 ? "y" : "ies")
        .append(", ").append(rc.corrupt()).append(" corrupt, ").append(rc.incomplete()).append(" incomplete\n");
    if (rc.entries().isEmpty()) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ENTRY", "COMMAND", "OBJECTS", "STATUS"});
    rc.entries().forEach(e -> rows.add(new String[] {shortName(e), command(e), String.valueOf(e.objects()),
        status(e)}));
    AuditRenderer.table(b, rows);
    for (RunEntryAudit e : rc.entries()) {
      if (e.ok()) {
        continue;
      }
      b.append("    ").append(e.entry().relativePath()).append("  (").append(states(r, e)).append(")\n");
      e.problems().forEach(p -> b.append("      corrupt entry: ").append(p).append("\n"));
      for (Oid oid : e.corrupt()) {
        b.append("      corrupt: ").append(oid).append("  ")
            .append(String.join("; ", r.objects().get(oid).problems())).append("\n");
      }
      for (Oid oid : e.missing()) {
        b.append("      missing: ").append(oid).append("  (").append(AuditRenderer.where(r, r.objects().get(oid)))
            .append(")\n");
      }
    }
  }

  static Object json(AuditReport r) {
    RunCacheAudit rc = r.runCache();
    if (rc == null) {
      return null;
    }
    List<Object> entries = new ArrayList<>();
    for (RunEntryAudit e : rc.entries()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", e.entry().relativePath());
      m.put("key", e.entry().key());
      m.put("value", e.entry().value());
      m.put("cmd", e.run() == null ? null : e.run().cmd());
      Map<String, Object> stores = new LinkedHashMap<>();
      r.stores().forEach(s -> stores.put(s, e.state(s).label()));
      m.put("stores", stores);
      m.put("problems", e.problems());
      List<Object> outs = new ArrayList<>();
      if (e.run() != null) {
        e.run().outs().forEach(o -> {
          Map<String, Object> om = new LinkedHashMap<>();
          om.put("path", o.path());
          om.put("oid", o.md5() == null ? null : o.md5().value());
          outs.add(om);
        });
      }
      m.put("outputs", outs);
      m.put("objects", e.objects());
      m.put("expanded", e.expanded());
      m.put("status", status(e));
      m.put("missing_from", e.missingFrom());
      m.put("missing", e.missing().stream().map(Oid::value).toList());
      m.put("corrupt", e.corrupt().stream().map(Oid::value).toList());
      entries.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entries", entries);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("entries", rc.entries().size());
    summary.put("corrupt", rc.corrupt());
    summary.put("incomplete", rc.incomplete());
    m.put("summary", summary);
    return m;
  }

  static void markdown(StringBuilder b, AuditReport r) {
    RunCacheAudit rc = r.runCache();
    if (rc == null) {
      return;
    }
    b.append("\n### Run cache\n\n- Entries: ").append(rc.entries().size()).append("; corrupt: ").append(rc.corrupt())
        .append("; incomplete: ").append(rc.incomplete()).append("\n");
    if (rc.entries().isEmpty()) {
      return;
    }
    b.append("\n| Entry | Command | Stores | Objects | Status |\n|---|---|---|---:|---|\n");
    for (RunEntryAudit e : rc.entries()) {
      b.append("| `").append(e.entry().relativePath()).append("` | `").append(AuditRenderer.md(command(e)))
          .append("` | ").append(states(r, e)).append(" | ").append(e.objects()).append(" | ").append(status(e));
      List<String> details = new ArrayList<>(e.problems());
      e.corrupt().forEach(o -> details.add("corrupt `" + o + "`"));
      e.missing().forEach(o -> details.add("missing `" + o + "` (" + AuditRenderer.where(r, r.objects().get(o)) + ")"));
      if (!details.isEmpty()) {
        b.append(": ").append(AuditRenderer.md(String.join("; ", details)));
      }
      b.append(" |\n");
    }
  }
}
