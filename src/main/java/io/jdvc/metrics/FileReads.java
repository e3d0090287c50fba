package io.jdvc.metrics;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BiFunction;

/** Reads one params or metrics file of a revision into {@link FileValues}, never throwing for a bad file. */
final class FileReads {
  private FileReads() {}

  static FileValues read(RevisionPipelines rev, String path, BiFunction<byte[], String, Map<String, Object>> parser) {
    byte[] bytes;
    try {
      bytes = rev.read(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes == null) {
      return FileValues.missing();
    }
    try {
      return FileValues.of(parser.apply(bytes, path));
    } catch (JdvcException e) {
      return FileValues.error(e.getMessage() + " (at " + rev.revision() + ")");
    }
  }
}
