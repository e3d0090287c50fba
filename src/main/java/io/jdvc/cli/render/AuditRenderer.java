package io.jdvc.cli.render;

import io.jdvc.audit.AuditReport;
import io.jdvc.audit.ObjectFinding;
import io.jdvc.audit.OutputAudit;
import io.jdvc.audit.RevisionAudit;
import io.jdvc.audit.StoreState;
import io.jdvc.object.Oid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three forms of an audit report: a table for people, JSON for machines, Markdown for a review. */
public final class AuditRenderer {
  private AuditRenderer() {}

  public static String result(int exitCode) {
    return switch (exitCode) {
      case 0 -> "ok";
      case 3 -> "missing";
      case 4 -> "corrupt";
      default -> "error";
    };
  }

  private static String status(OutputAudit o) {
    if (!o.output().hasData()) {
      return o.output().oid() == null ? "no hash" : "not cached";
    }
    List<String> parts = new ArrayList<>();
    if (!o.corrupt().isEmpty()) {
      parts.add(o.corrupt().size() + " corrupt");
    }
    if (!o.missing().isEmpty()) {
      parts.add(o.missing().size() + " missing");
    }
    if (!o.expanded()) {
      parts.add("manifest missing");
    }
    return parts.isEmpty() ? "ok" : String.join(", ", parts);
  }

  private static String name(OutputAudit o) {
    return o.output().path() + (o.output().stage() == null ? "" : " (stage " + o.output().stage() + ")");
  }

  // --------------------------------------------------------------------------------------------------- text

  public static String text(AuditReport r, int exitCode) {
    StringBuilder b = new StringBuilder();
    b.append("Audit of ").append(r.revisions().size()).append(" revision(s), ").append(r.objects().size())
        .append(" object(s); stores: ").append(String.join(", ", r.stores())).append(" (judged: ")
        .append(String.join(", ", r.judged())).append(")").append(r.deep() ? ", deep" : "").append("\n");
    for (RevisionAudit rev : r.revisions()) {
      b.append("\nRevision ").append(Revisions.text(rev.revision())).append("  ").append(rev.revision().commitId())
          .append("\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"OUTPUT", "POINTER", "LAST CHANGED", "OBJECTS", "STATUS"});
      for (OutputAudit o : rev.outputs()) {
        rows.add(new String[] {name(o), o.output().pointerPath(), Revisions.text(o.lastChange()),
            String.valueOf(o.objects()), status(o)});
      }
      table(b, rows);
      for (OutputAudit o : rev.outputs()) {
        for (Oid oid : o.corrupt()) {
          b.append("    corrupt: ").append(oid).append("  ").append(String.join("; ", r.objects().get(oid).problems()))
              .append("\n");
        }
        for (Oid oid : o.missing()) {
          b.append("    missing: ").append(oid).append("  (").append(where(r, r.objects().get(oid))).append(")\n");
        }
      }
    }
    RunCacheAuditRenderer.text(b, r);
    b.append("\nStores:\n");
    for (String store : r.stores()) {
      b.append("  ").append(store).append(": ").append(counts(r, store)).append("\n");
    }
    long unchecked = r.judged().stream().mapToLong(r::unchecked).sum();
    if (!r.deep() && unchecked > 0) {
      b.append("  integrity of ").append(unchecked).append(" present object(s) could not be checked without"
          + " download (no MD5 ETag); run with --deep to check them\n");
    }
    b.append("SHA-256 record covers ").append(r.recorded()).append(" of ").append(r.objects().size())
        .append(" object(s)").append(r.deep() ? "; every recorded digest was checked" : "").append("\n");
    b.append("Result: ").append(result(exitCode).toUpperCase(java.util.Locale.ROOT)).append(" (exit ")
        .append(exitCode).append(")\n");
    return b.toString();
  }

  static String where(AuditReport r, ObjectFinding f) {
    List<String> parts = new ArrayList<>();
    for (String s : r.stores()) {
      parts.add(s + ": " + f.state(s).label());
    }
    return String.join(", ", parts);
  }

  private static String counts(AuditReport r, String store) {
    Map<StoreState, Integer> n = new LinkedHashMap<>();
    for (StoreState s : StoreState.values()) {
      n.put(s, 0);
    }
    r.objects().values().forEach(f -> n.merge(f.state(store), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    n.forEach((s, c) -> {
      if (c > 0) {
        parts.add(c + " " + s.label());
      }
    });
    return parts.isEmpty() ? "nothing to check" : String.join(", ", parts);
  }

  static void table(StringBuilder b, List<String[]> rows) {
    int[] w = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        w[i] = Math.max(w[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      b.append("  ");
      for (int i = 0; i < row.length; i++) {
        b.append(i + 1 < row.length ? String.format("%-" + w[i] + "s  ", row[i]) : row[i]);
      }
      b.append("\n");
    }
  }

  // --------------------------------------------------------------------------------------------------- JSON

  public static Map<String, Object> json(AuditReport r, int exitCode) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("result", result(exitCode));
    m.put("exit_code", exitCode);
    m.put("deep", r.deep());
    m.put("stores", r.stores());
    m.put("judged_stores", r.judged());
    List<Object> revs = new ArrayList<>();
    for (RevisionAudit rev : r.revisions()) {
      Map<String, Object> rm = Revisions.json(rev.revision());
      List<Object> outs = new ArrayList<>();
      for (OutputAudit o : rev.outputs()) {
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("path", o.output().path());
        om.put("pointer", o.output().pointerPath());
        om.put("stage", o.output().stage());
        om.put("oid", o.output().oid() == null ? null : o.output().oid().value());
        om.put("size", o.output().size());
        om.put("nfiles", o.output().nfiles());
        om.put("cached", o.output().cached());
        om.put("last_change", Revisions.json(o.lastChange()));
        om.put("objects", o.objects());
        om.put("expanded", o.expanded());
        om.put("status", status(o));
        om.put("missing", o.missing().stream().map(Oid::value).toList());
        om.put("corrupt", o.corrupt().stream().map(Oid::value).toList());
        outs.add(om);
      }
      rm.put("outputs", outs);
      revs.add(rm);
    }
    m.put("revisions", revs);
    List<Object> objects = new ArrayList<>();
    for (ObjectFinding f : r.objects().values()) {
      Map<String, Object> om = new LinkedHashMap<>();
      om.put("oid", f.oid().value());
      Map<String, Object> states = new LinkedHashMap<>();
      r.stores().forEach(s -> states.put(s, f.state(s).label()));
      om.put("stores", states);
      om.put("problems", f.problems());
      objects.add(om);
    }
    m.put("objects", objects);
    m.put("run_cache", RunCacheAuditRenderer.json(r));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("revisions", r.revisions().size());
    summary.put("objects", r.objects().size());
    summary.put("missing", r.missing().size());
    summary.put("corrupt", r.corrupt().size());
    summary.put("unexpanded_directories", r.unexpanded());
    Map<String, Object> unchecked = new LinkedHashMap<>();
    r.stores().forEach(s -> unchecked.put(s, r.unchecked(s)));
    summary.put("unchecked", unchecked);
    summary.put("sha256_recorded", r.recorded());
    m.put("summary", summary);
    return m;
  }

  // ----------------------------------------------------------------------------------------------- Markdown

  public static String markdown(AuditReport r, int exitCode) {
    StringBuilder b = new StringBuilder();
    b.append("## jdvc audit: ").append(result(exitCode).toUpperCase(java.util.Locale.ROOT)).append("\n\n");
    b.append("- Stores: ").append(String.join(", ", r.stores())).append(" (judged: ")
        .append(String.join(", ", r.judged())).append(")\n");
    b.append("- Mode: ").append(r.deep() ? "deep (every object streamed and re-hashed)" : "no download (HEAD, ETag)")
        .append("\n");
    b.append("- Objects: ").append(r.objects().size()).append("; missing: ").append(r.missing().size())
        .append("; corrupt: ").append(r.corrupt().size()).append("; SHA-256 recorded: ").append(r.recorded())
        .append("\n\n");
    b.append("| Revision | Commit | Output | Pointer | Last changed | Author | Objects | Status |\n");
    b.append("|---|---|---|---|---|---|---:|---|\n");
    for (RevisionAudit rev : r.revisions()) {
      for (OutputAudit o : rev.outputs()) {
        b.append("| ").append(rev.revision().name() == null ? "" : md(rev.revision().name())).append(" | `")
            .append(rev.revision().commitId()).append("` | `").append(md(name(o))).append("` | `")
            .append(md(o.output().pointerPath())).append("` | ")
            .append(o.lastChange() == null ? "" : "`" + o.lastChange().shortId() + "` " + Revisions.iso(o.lastChange()))
            .append(" | ").append(o.lastChange() == null ? "" : md(o.lastChange().authorName())).append(" | ")
            .append(o.objects()).append(" | ").append(status(o)).append(" |\n");
      }
    }
    List<ObjectFinding> bad = r.objects().values().stream()
        .filter(f -> f.corruptAnywhere() || r.judged().stream().anyMatch(s -> f.state(s) == StoreState.MISSING))
        .toList();
    if (!bad.isEmpty()) {
      b.append("\n### Problems\n\n");
      for (ObjectFinding f : bad) {
        b.append("- `").append(f.oid()).append("`: ").append(where(r, f));
        if (!f.problems().isEmpty()) {
          b.append(" (").append(md(String.join("; ", f.problems()))).append(")");
        }
        b.append("\n");
      }
    }
    RunCacheAuditRenderer.markdown(b, r);
    return b.toString();
  }

  static String md(String s) {
    return s.replace("|", "\\|");
  }
}
