package io.jdvc.api;

import io.jdvc.AttemptBytes;
import io.jdvc.JdvcException;
import io.jdvc.ProgressListener;
import io.jdvc.cache.LocalCache;
import io.jdvc.object.Oid;
import io.jdvc.remote.ExternalFile;
import io.jdvc.remote.Remotes;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source side of {@code import-url}, {@code get-url} and their {@code update}: a local file, an s3:// object or
 * an http(s) URL. What DVC records about it in the dep (the {@code md5} of a local file; the ETag as {@code etag}
 * for S3 and as {@code checksum} for HTTP; and the size), and bringing its bytes into the cache, hashed on the way.
 */
final class UrlImports {
  private UrlImports() {}

  /** The file a URL names on this machine (a path or file://), or null for a network URL. */
  static Path localFile(String url, Path workingDir) {
    if (url.startsWith("file://")) {
      return Path.of(URI.create(url));
    }
    return url.contains("://") ? null : workingDir.resolve(url).normalize();
  }

  /** What the dep records: the checksum entry, {@code size}, {@code hash: md5}, {@code path}, in DVC's order. */
  static Map<String, Object> dep(String url, String checksumName, String checksum, long size) {
    Map<String, Object> dep = new LinkedHashMap<>();
    if (checksum != null) {
      dep.put(checksumName, checksum);
    }
    if (size >= 0) {
      dep.put("size", size);
    }
    dep.put("hash", "md5");
    dep.put("path", url);
    return dep;
  }

  /** A fetched (or probed) source: its dep entry, and the object now in the cache (null when only probed). */
  record Fetched(Map<String, Object> dep, Oid oid, long size) {}

  /** The dep as the source stands now, without downloading (a local file is hashed, an HTTP URL asked by HEAD). */
  static Map<String, Object> probe(String url, Path workingDir, LocalCache cache) throws IOException {
    Path local = localFile(url, workingDir);
    if (local != null) {
      requireFile(url, local);
      Oid oid = io.jdvc.hash.FileHasher.hash(local, false);
      return dep(url, "md5", oid.value(), Files.size(local));
    }
    try (ExternalFile f = Remotes.externalFile(url, optionsFor(url, workingDir))) {
      ExternalFile.Info info = info(f);
      return dep(url, f.checksumName(), info.checksum(), info.size());
    }
  }

  /**
   * Brings the source's bytes into {@code cache}, hashed while they are copied; {@code progress} hears of the
   * bytes copied (a local file) or downloaded (a URL) as they go.
   */
  static Fetched fetch(String url, Path workingDir, LocalCache cache, ProgressListener progress)
      throws IOException {
    Path local = localFile(url, workingDir);
    if (local != null) {
      requireFile(url, local);
      long size = Files.size(local);
      progress.begin("Importing " + url, 1, size);
      try {
        Oid oid = cache.insertFile(local, size, false, progress);
        return new Fetched(dep(url, "md5", oid.value(), size), oid, size);
      } finally {
        progress.end();
      }
    }
    try (ExternalFile f = Remotes.externalFile(url, optionsFor(url, workingDir))) {
      ExternalFile.Info info = info(f);
      Path tmp = cache.newTempFile();
      try {
        progress.begin("Downloading " + url, 1, info.size());
        try (InputStream in = new AttemptBytes(b -> progress.advance(0, b)).counting(f.open())) {
          Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
          progress.end();
        }
        long size = Files.size(tmp);
        if (info.size() >= 0 && info.size() != size) {
          throw new JdvcException(url + " sent " + size + " bytes where it announced " + info.size(),
              "the transfer was cut short or the file changed meanwhile; try again (nothing was written)");
        }
        Oid oid = cache.insertFile(tmp, false);
        return new Fetched(dep(url, f.checksumName(), info.checksum(), size), oid, size);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * For an {@code s3://} URL, the options (endpoint, region, credentials) of the configured S3 remote of the same
   * bucket whose URL is the longest prefix of it, from the repository around {@code dir}: a user who configured
   * MinIO once need not repeat it. Empty otherwise (the default AWS configuration applies).
   */
  static Map<String, String> optionsFor(String url, Path dir) {
    if (!url.startsWith("s3://")) {
      return Map.of();
    }
    String bucket = url.substring(5).split("/", 2)[0];
    try (Jdvc jdvc = Jdvc.open(dir)) {
      Map<String, String> best = Map.of();
      int bestLength = -1;
      for (String name : jdvc.config().remoteNames()) {
        Map<String, String> section = jdvc.config().remote(name).orElse(Map.of());
        String remoteUrl = section.getOrDefault("url", "");
        boolean sameBucket = remoteUrl.equals("s3://" + bucket) || remoteUrl.startsWith("s3://" + bucket + "/");
        int length = url.startsWith(remoteUrl + "/") ? remoteUrl.length() : 0;
        if (sameBucket && length > bestLength) {
          best = new LinkedHashMap<>(section);
          best.remove("url");
          bestLength = length;
        }
      }
      return best;
    } catch (io.jdvc.repo.NotADvcRepoException e) {
      return Map.of();
    }
  }

  private static ExternalFile.Info info(ExternalFile f) throws IOException {
    try {
      return f.info();
    } catch (FileNotFoundException e) {
      throw new JdvcException(e.getMessage(), "check the URL");
    }
  }

  private static void requireFile(String url, Path local) {
    if (Files.isDirectory(local)) {
      throw new JdvcException("'" + url + "' is a directory: jdvc imports single files by URL",
          "import the files one by one, or track the directory in a repository and use 'jdvc import'");
    }
    if (!Files.isRegularFile(local)) {
      throw new JdvcException("'" + url + "' does not exist", "check the path");
    }
  }
}
