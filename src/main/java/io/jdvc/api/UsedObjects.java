package io.jdvc.api;

import io.jdvc.manifest.DirEntry;
import io.jdvc.manifest.DirManifest;
import io.jdvc.object.Oid;
import io.jdvc.pointer.Output;
import io.jdvc.transfer.ObjectRef;
import io.jdvc.workspace.TrackedOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The objects one output needs: its file object, or its {@code .dir} manifest plus every entry. A directory's
 * manifest is transferred after its files, so that a {@code .dir} on a remote always means "all files are there"
 * (DVC relies on this).
 */
record UsedObjects(TrackedOutput output, Oid dirOid, List<ObjectRef> files) {

  static ObjectRef ref(TrackedOutput o, Oid oid, String path) {
    return new ObjectRef(oid, path, o.dvcPath());
  }

  /**
   * A file output, or a directory whose manifest is known. {@code filter} picks the file output or the
   * directory's entries by repository path.
   */
  static UsedObjects of(TrackedOutput o, DirManifest manifest, Predicate<String> filter) {
    return of(o, manifest, filter, f -> true);
  }

  /**
   * As {@link #of(TrackedOutput, DirManifest, Predicate)}, keeping only the directory entries whose oid is
   * {@code needed}: a push leaves out what the remote is known to hold before it makes a reference per file.
   */
  static UsedObjects of(TrackedOutput o, DirManifest manifest, Predicate<String> filter, Predicate<Oid> needed) {
    Output out = o.output();
    if (!out.isDir()) {
      if (!filter.test(o.repoPath())) {
        return new UsedObjects(o, null, List.of()); // outside --glob
      }
      long size = out.size() == null ? -1 : out.size();
      return new UsedObjects(o, null, List.of(new ObjectRef(out.md5(), o.repoPath(), o.dvcPath(), size)));
    }
    List<ObjectRef> files = new ArrayList<>();
    for (DirEntry e : manifest.entries()) {
      if (!needed.test(e.md5())) {
        continue;
      }
      String path = o.repoPath() + "/" + e.relpath();
      if (filter.test(path)) {
        files.add(ref(o, e.md5(), path));
      }
    }
    return new UsedObjects(o, out.md5(), files);
  }

  /** Whether every entry of the directory was selected (a partial selection never uploads the manifest). */
  boolean complete(DirManifest manifest) {
    return dirOid == null || files.size() == manifest.count();
  }
}
