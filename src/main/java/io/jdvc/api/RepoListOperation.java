package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LocalCache;
import io.jdvc.history.RecordedOutput;
import io.jdvc.manifest.DirEntry;
import io.jdvc.tables.CatalogEntry;
import io.jdvc.tables.DataQuality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code jdvc ls URL [PATH]}: the contents of another repository at a revision, as DVC's {@code dvc list} shows them:
 * the files Git tracks and the outputs DVC tracks, directories expanded through their manifests (read from the
 * source's cache or default remote; files are never downloaded).
 */
public final class RepoListOperation {
  private final Path workingDir;
  private String url;
  private String path;
  private String rev;
  private boolean recursive;
  private boolean dvcOnly;
  private Consumer<String> notices = s -> {};

  RepoListOperation(Path workingDir) {
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  public RepoListOperation url(String value) {
    this.url = value;
    return this;
  }

  /** A directory or file of the repository; null for its root. */
  public RepoListOperation path(String value) {
    this.path = value;
    return this;
  }

  public RepoListOperation rev(String value) {
    this.rev = value;
    return this;
  }

  public RepoListOperation recursive(boolean value) {
    this.recursive = value;
    return this;
  }

  public RepoListOperation dvcOnly(boolean value) {
    this.dvcOnly = value;
    return this;
  }

  public RepoListOperation notices(Consumer<String> value) {
    this.notices = value;
    return this;
  }

  /**
   * One listed entry, {@code path} relative to the listed directory. {@code size} and {@code md5} are known for
   * outputs and the files inside them (size only where the source records it); {@code desc}, {@code type},
   * {@code labels} and {@code meta} (plain values) for outputs that carry them, in their {@code .dvc} file or
   * {@code dvc.yaml}.
   */
  public record Entry(String path, boolean isOut, boolean isDir, boolean isExec, Long size, String md5, String desc,
      String type, List<String> labels, Object meta) {

    Entry(String path, boolean isOut, boolean isDir, boolean isExec, Long size, String md5) {
      this(path, isOut, isDir, isExec, size, md5, null, null, null, null);
    }

    Entry describedBy(CatalogEntry c) {
      return c == null ? this : new Entry(path, isOut, isDir, isExec, size, md5, c.desc(), c.type(), c.labels(),
          c.meta());
    }
  }

  public List<Entry> call() throws IOException {
    if (url == null) {
      throw new JdvcException("ls needs a URL", "jdvc ls URL [PATH]");
    }
    return RepoSource.withCache(workingDir, notices, this::run);
  }

  /** A leaf of the listing: a file, or a directory output whose manifest is nowhere. */
  private record Leaf(String path, RecordedOutput output, boolean inOutput, boolean dir, Long size, String md5) {}

  private List<Entry> run(LocalCache cache, Path clonesDir) throws IOException {
    try (RepoSource source = RepoSource.open(url, rev, clonesDir, workingDir, notices)) {
      String prefix = path == null || path.isEmpty() || path.equals(".") ? "" : RepoSource.normalize(path);
      Map<String, Leaf> leaves = new TreeMap<>();
      for (String f : source.git().blobIdsAt(source.commitId(), p -> true).keySet()) {
        leaves.put(f, new Leaf(f, null, false, false, null, null));
      }
      for (RecordedOutput o : source.outputs()) {
        String md5 = o.oid() == null ? null : o.oid().value();
        boolean expand = o.oid() != null && o.oid().isDir() && (recursive || prefix.equals(o.path())
            || prefix.startsWith(o.path() + "/"));
        if (expand && o.cached() && fetchManifest(source, cache, o)) {
          for (DirEntry e : RepoSource.manifest(cache, o.oid()).entries()) {
            String p = o.path() + "/" + e.relpath();
            leaves.put(p, new Leaf(p, o, true, false, null, e.md5().value()));
          }
        } else {
          leaves.put(o.path(), new Leaf(o.path(), o, true, o.oid() != null && o.oid().isDir(), o.size(), md5));
        }
      }
      Map<String, CatalogEntry> described = new TreeMap<>();
      DataQuality.describedOutputs(source.git(), source.commitId(), notices).forEach(c -> described.put(c.path(), c));
      Leaf exact = leaves.get(prefix);
      if (exact != null && !exact.dir()) {
        List<Entry> one = new ArrayList<>();
        if (!dvcOnly || exact.inOutput()) {
          String name = prefix.substring(prefix.lastIndexOf('/') + 1);
          boolean isOut = exact.output() != null && exact.output().path().equals(prefix);
          Entry e = new Entry(name, isOut, false, false, exact.size(), exact.md5());
          one.add(isOut ? e.describedBy(described.get(prefix)) : e);
        }
        return one;
      }
      Map<String, Entry> entries = new LinkedHashMap<>();
      boolean found = prefix.isEmpty();
      for (Leaf l : leaves.values()) {
        if (!prefix.isEmpty() && !l.path().startsWith(prefix + "/") && !l.path().equals(prefix)) {
          continue;
        }
        found = true;
        if (dvcOnly && !l.inOutput()) {
          continue;
        }
        String rel = l.path().equals(prefix) ? "" : prefix.isEmpty() ? l.path() : l.path().substring(prefix.length()
            + 1);
        if (rel.isEmpty()) {
          continue; // the listed directory output itself, unexpanded
        }
        if (recursive) {
          entries.put(rel, new Entry(rel, l.output() != null && l.output().path().equals(l.path()), l.dir(), false,
              l.size(), l.md5()));
          continue;
        }
        int slash = rel.indexOf('/');
        String name = slash < 0 ? rel : rel.substring(0, slash);
        String full = prefix.isEmpty() ? name : prefix + "/" + name;
        RecordedOutput out = l.output() != null && l.output().path().equals(full) ? l.output() : null;
        boolean dir = slash >= 0 || l.dir();
        entries.putIfAbsent(name, out != null ? new Entry(name, true, dir, false, out.size(),
            out.oid() == null ? null : out.oid().value()) : new Entry(name, false, dir, false,
            dir ? null : l.size(), dir ? null : l.md5()));
      }
      if (!found) {
        throw new JdvcException("'" + prefix + "' does not exist in " + source.shown() + " at "
            + source.commitId().substring(0, 7), "list the repository's root with 'jdvc ls " + source.shown() + "'");
      }
      List<Entry> out = new ArrayList<>();
      for (Entry e : entries.values()) {
        out.add(e.isOut() ? e.describedBy(described.get(prefix.isEmpty() ? e.path() : prefix + "/" + e.path())) : e);
      }
      return out;
    }
  }

  private boolean fetchManifest(RepoSource source, LocalCache cache, RecordedOutput o) throws IOException {
    source.fetch(cache, o, rel -> false, 4, ProgressListener.NONE);
    if (!cache.contains(o.oid())) {
      notices.accept("the manifest of " + o.path() + " (" + o.oid().value() + ") is in neither the cache nor the "
          + "default remote of " + source.shown() + ": listed as a whole");
      return false;
    }
    return true;
  }
}
