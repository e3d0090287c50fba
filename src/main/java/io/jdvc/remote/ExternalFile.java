package io.jdvc.remote;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file outside any repository ({@code import-url}, {@code get-url}): what its store says about it, and its
 * bytes. The caller hashes what it reads.
 */
public interface ExternalFile extends AutoCloseable {
  /** The URL as the user gave it. */
  String url();

  /** The key DVC records the store's checksum under in a dep: {@code etag} (S3) or {@code checksum} (HTTP). */
  String checksumName();

  /**
   * Size and checksum as the store reports them (checksum null when it gives none).
   *
   * @throws ObjectNotFoundException-like {@link java.io.FileNotFoundException} when the file is absent
   */
  Info info() throws IOException;

  InputStream open() throws IOException;

  @Override
  void close();

  /** @param size bytes, or -1 when the store does not say */
  record Info(long size, String checksum) {}
}
