package io.jdvc.pointer;

import java.util.Objects;

/**
 * An unquoted YAML scalar that YAML 1.2 reads as something other than a string (a number, a boolean or null), found
 * inside free-form values such as {@code meta} or {@code deps}. It is kept exactly as written so that re-writing
 * the file reproduces it, where a plain {@link String} would be quoted ({@code 1} versus {@code '1'}).
 */
public record PlainScalar(String text) {
  public PlainScalar {
    Objects.requireNonNull(text, "text");
  }
}
