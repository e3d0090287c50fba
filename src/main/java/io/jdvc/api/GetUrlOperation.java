package io.jdvc.api;

import io.jdvc.FileTrees;
import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LinkType;
import io.jdvc.cache.LocalCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jdvc get-url URL [OUT]}: downloads a file (a local path or an http(s) URL) without tracking it. The bytes
 * pass through a scratch cache, so the destination appears whole or not at all.
 */
public final class GetUrlOperation {
  private final Path workingDir;
  private String url;
  private Path out;
  private boolean force;

  GetUrlOperation(Path workingDir) {
    this.workingDir = workingDir.toAbsolutePath().normalize();
  }

  public GetUrlOperation url(String value) {
    this.url = value;
    return this;
  }

  public GetUrlOperation out(Path value) {
    this.out = value;
    return this;
  }

  public GetUrlOperation force(boolean value) {
    this.force = value;
    return this;
  }

  /** The file written and its size. */
  public record Result(Path out, long bytes) {}

  public Result call() throws IOException {
    if (url == null) {
      throw new JdvcException("get-url needs a URL", "jdvc get-url URL [OUT]");
    }
    String name = url.replaceAll("/+$", "");
    Path target = GetOperation.destination(workingDir, out, name.substring(name.lastIndexOf('/') + 1));
    if (Files.exists(target) && !force) {
      throw new JdvcException("'" + target + "' already exists", "use --force to replace it, or give another OUT");
    }
    Path scratch = Files.createTempDirectory("jdvc-get-url-");
    try {
      LocalCache cache = new LocalCache(scratch.resolve("cache"));
      UrlImports.Fetched f = UrlImports.fetch(url, workingDir, cache, ProgressListener.NONE);
      cache.linkOut(f.oid(), target, List.of(LinkType.COPY));
      return new Result(target, f.size());
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }
}
