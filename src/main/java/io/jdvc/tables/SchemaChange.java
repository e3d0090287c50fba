package io.jdvc.tables;

/**
 * One difference between two schemas.
 *
 * @param oldType null for an added column
 * @param newType null for a removed column
 * @param note extra words for people: the candidate for a rename, the positions of a moved column
 */
public record SchemaChange(Kind kind, String column, String oldType, String newType, Severity severity, String note) {
  public enum Kind { ADDED, REMOVED, RETYPED, MOVED }

  /** How much a change can hurt a consumer of the table. */
  public enum Severity {
    INFO, WARNING, BREAKING;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
