package io.jdvc.pipeline;

/** TOML params files. */
final class TomlValues {
  private TomlValues() {}

  static Object parse(String text, String file) {
    throw new PipelineFileException(file, 0, "TOML params files are not supported yet");
  }
}
