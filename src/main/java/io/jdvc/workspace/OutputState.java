package io.jdvc.workspace;

/** The states DVC's {@code status} reports for one output (words exactly as DVC prints them). */
public enum OutputState {
  UNCHANGED("unchanged"),
  MODIFIED("modified"),
  DELETED("deleted"),
  NOT_IN_CACHE("not in cache"),
  NEW("new");

  private final String label;

  OutputState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
