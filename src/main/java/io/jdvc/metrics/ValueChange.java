package io.jdvc.metrics;

/**
 * One key's values at two revisions. {@code oldValue}/{@code newValue} are null when the key (or the whole file)
 * is absent there or holds null; {@code diff} is {@code new - old} when both are numbers, else null;
 * {@code percent} is {@code diff / |old| × 100}, null when there is no diff or {@code old} is zero.
 */
public record ValueChange(Object oldValue, Object newValue, Number diff, Double percent) {
  static ValueChange of(Object oldValue, Object newValue) {
    Number diff = PyNumbers.isNumber(oldValue) && PyNumbers.isNumber(newValue)
        ? PyNumbers.subtract(newValue, oldValue) : null;
    return new ValueChange(oldValue, newValue, diff, PyNumbers.percent(oldValue, diff));
  }

  public boolean changed() {
    return !PyNumbers.pyEquals(oldValue, newValue);
  }
}
