package io.jdvc.history;

import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Expands outputs into the files they hold, through their {@code .dir} manifests. */
public final class DataFiles {
  /** Python's (and DVC's) path order, so listings match DVC's and merges see both sides in the same order. */
  public static final Comparator<DataFile> BY_PATH = (a, b) -> DirManifest.CODE_POINT_ORDER.compare(a.path(),
      b.path());

  private DataFiles() {}

  /**
   * Every file the outputs with data hold, sorted by path. A directory whose manifest is unavailable appears as one
   * entry with its {@code .dir} oid, so callers still see that it exists and whether it changed.
   */
  public static List<DataFile> expand(List<RecordedOutput> outputs, ManifestStore manifests) throws IOException {
    List<DataFile> files = new ArrayList<>();
    for (RecordedOutput o : outputs) {
      if (o.oid() == null) {
        continue;
      }
      Optional<DirManifest> m = o.oid().isDir() && o.cached() ? manifests.load(o.oid()) : Optional.empty();
      if (m.isPresent()) {
        for (DirEntry e : m.get().entries()) {
          files.add(new DataFile(o.path() + "/" + e.relpath(), e.md5(), o));
        }
      } else {
        files.add(new DataFile(o.path(), o.oid(), o));
      }
    }
    files.sort(BY_PATH);
    return files;
  }
}
