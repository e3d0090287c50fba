package io.jdvc.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies the changes between two schemas: a removed column or a narrowing or other type change is breaking;
 * a widening (INTEGER → BIGINT, FLOAT → DOUBLE, an integer to DOUBLE) warns; an added column or a change of order is
 * information. A removed and an added column with the same type (and, when profiles are given, the same count and
 * nulls) are noted as a possible rename.
 */
public final class SchemaDiff {
  private static final List<String> SIGNED = List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT");
  private static final List<String> UNSIGNED = List.of("UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");

  private SchemaDiff() {}

  public static List<SchemaChange> compare(List<Column> before, List<Column> after, TableProfile oldProfile,
      TableProfile newProfile) {
    List<SchemaChange> changes = new ArrayList<>();
    List<String> oldNames = before.stream().map(Column::name).toList();
    List<String> newNames = after.stream().map(Column::name).toList();
    List<Column> added = after.stream().filter(c -> !oldNames.contains(c.name())).toList();
    for (Column c : before) {
      Optional<Column> now = after.stream().filter(a -> a.name().equals(c.name())).findFirst();
      if (now.isEmpty()) {
        String note = added.stream().filter(a -> a.type().equals(c.type()) && sameShape(c, a, oldProfile, newProfile))
            .map(a -> "renamed to " + a.name() + "?").findFirst().orElse(null);
        changes.add(new SchemaChange(SchemaChange.Kind.REMOVED, c.name(), c.type(), null,
            SchemaChange.Severity.BREAKING, note));
      } else if (!now.get().type().equals(c.type())) {
        changes.add(new SchemaChange(SchemaChange.Kind.RETYPED, c.name(), c.type(), now.get().type(),
            widens(c.type(), now.get().type()) ? SchemaChange.Severity.WARNING : SchemaChange.Severity.BREAKING,
            null));
      }
    }
    for (Column a : added) {
      changes.add(new SchemaChange(SchemaChange.Kind.ADDED, a.name(), null, a.type(), SchemaChange.Severity.INFO,
          null));
    }
    List<String> keptOld = oldNames.stream().filter(newNames::contains).toList();
    List<String> keptNew = newNames.stream().filter(oldNames::contains).toList();
    for (int i = 0; i < keptOld.size(); i++) {
      if (!keptOld.get(i).equals(keptNew.get(i))) {
        String name = keptNew.get(i);
        changes.add(new SchemaChange(SchemaChange.Kind.MOVED, name, null, null, SchemaChange.Severity.INFO,
            "position " + (oldNames.indexOf(name) + 1) + " → " + (newNames.indexOf(name) + 1)));
      }
    }
    return changes;
  }

  private static boolean sameShape(Column old, Column now, TableProfile oldProfile, TableProfile newProfile) {
    if (oldProfile == null || newProfile == null) {
      return true;
    }
    ColumnProfile a = oldProfile.column(old.name()).orElse(null);
    ColumnProfile b = newProfile.column(now.name()).orElse(null);
    if (a == null || b == null) {
      return true;
    }
    return Math.abs(a.nullFraction() - b.nullFraction()) < 0.01
        && (a.mean() == null || b.mean() == null || Math.abs(a.mean() - b.mean()) <= 0.1 * Math.max(
            Math.abs(a.mean()), a.stddev() == null ? 0 : a.stddev()));
  }

  /** Whether every value of {@code from} fits {@code to} unchanged. */
  static boolean widens(String from, String to) {
    String f = from.toUpperCase(Locale.ROOT);
    String t = to.toUpperCase(Locale.ROOT);
    for (List<String> family : List.of(SIGNED, UNSIGNED)) {
      if (family.contains(f) && family.contains(t)) {
        return family.indexOf(t) > family.indexOf(f);
      }
    }
    if (UNSIGNED.contains(f) && SIGNED.contains(t)) {
      return SIGNED.indexOf(t) > UNSIGNED.indexOf(f);
    }
    Map<String, Boolean> toDouble = Map.of("FLOAT", true, "TINYINT", true, "SMALLINT", true, "INTEGER", true,
        "UTINYINT", true, "USMALLINT", true, "UINTEGER", true);
    if (t.equals("DOUBLE") && toDouble.containsKey(f)) {
      return true;
    }
    return t.equals("VARCHAR") && f.startsWith("VARCHAR(") || t.equals("TIMESTAMP") && f.equals("DATE");
  }
}
