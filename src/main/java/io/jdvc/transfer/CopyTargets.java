package io.jdvc.transfer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a download should also be written as a workspace file, decided per object by the caller (a pull knows
 * which workspace files are missing; the transfer layer does not). The copy is written from the same bytes as
 * the cache object and published only after they verified, never over an existing file.
 */
public interface CopyTargets {
  CopyTargets NONE = new CopyTargets() {
    @Override
    public Path targetFor(ObjectRef ref) {
      return null;
    }

    @Override
    public void written(ObjectRef ref, Path target) {}
  };

  /** The workspace file to create for this object, or null for none. Called from several threads. */
  Path targetFor(ObjectRef ref) throws IOException;

  /** The copy of {@code ref} is now in place at {@code target}. Called from several threads. */
  void written(ObjectRef ref, Path target) throws IOException;
}
