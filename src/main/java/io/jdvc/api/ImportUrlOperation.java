package io.jdvc.api;

import io.jdvc.JdvcException;
import io.jdvc.pointer.DvcFile;
import io.jdvc.pointer.Output;
import io.jdvc.repo.RepoLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code jdvc import-url URL [OUT]}: tracks a file from outside any repository (a local path or an http(s) URL) as
 * DVC's import-url does: the dep records the source's checksum ({@code md5} of a local file, the server's ETag as
 * {@code checksum}) and size, so that {@code update} can tell whether it changed.
 */
public final class ImportUrlOperation {
  private final Jdvc jdvc;
  private String url;
  private Path out;
  private boolean noDownload;
  private boolean force;

  ImportUrlOperation(Jdvc jdvc) {
    this.jdvc = jdvc;
  }

  public ImportUrlOperation url(String value) {
    this.url = value;
    return this;
  }

  public ImportUrlOperation out(Path value) {
    this.out = value;
    return this;
  }

  public ImportUrlOperation noDownload(boolean value) {
    this.noDownload = value;
    return this;
  }

  public ImportUrlOperation force(boolean value) {
    this.force = value;
    return this;
  }

  public ImportOperation.Result call() throws IOException {
    if (url == null) {
      throw new JdvcException("import-url needs a URL", "jdvc import-url URL [OUT]");
    }
    try (RepoLock lock = jdvc.lock()) {
      String name = url.replaceAll("/+$", "");
      Path target = GetOperation.destination(jdvc.workingDir(), out, name.substring(name.lastIndexOf('/') + 1));
      ImportOperation.requireFreeDestination(jdvc, target, force);
      // DVC keeps a relative local path relative to the .dvc file's directory
      Path local = UrlImports.localFile(url, jdvc.workingDir());
      String recorded = local != null && !url.startsWith("file://") && !Path.of(url).isAbsolute()
          ? target.getParent().relativize(local).toString().replace('\\', '/') : url;
      return write(jdvc, recorded, target, null, noDownload, force);
    }
  }

  /**
   * Writes the pointer for {@code target} from the source as it stands ({@code url} relative to the pointer's
   * directory if it is a relative path) and, unless {@code noDownload}, its data;
   * shared with update. The caller holds the lock.
   */
  static ImportOperation.Result write(Jdvc jdvc, String url, Path target, DvcFile previous, boolean noDownload,
      boolean force) throws IOException {
    Output out;
    Map<String, Object> dep;
    String name = target.getFileName().toString();
    if (noDownload) {
      dep = UrlImports.probe(url, target.getParent(), jdvc.cache());
      out = Output.of(name, null, null, null);
    } else {
      UrlImports.Fetched f = UrlImports.fetch(url, target.getParent(), jdvc.cache(),
          jdvc.progressListener());
      dep = f.dep();
      out = Output.of(name, f.oid(), f.size(), null);
    }
    if (previous != null && previous.outs().size() == 1) {
      Output was = previous.outs().get(0);
      out = was.withContent(out.md5(), out.size(), null, was.isexec());
    }
    return ImportOperation.publish(jdvc, ImportPointers.createUrlImport(dep, out), target, url, null, noDownload,
        force);
  }
}
