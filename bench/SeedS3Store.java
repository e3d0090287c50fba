import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Seeds an S3Proxy filesystem store with every object of a jdvc/DVC cache, byte for byte, as S3Proxy's own PUT
 * would have stored it: the file at BUCKET_DIR/PREFIX/files/md5/ab/cdef..., mode 0640, and the extended
 * attributes jclouds' filesystem blob store keeps beside it (user.content-md5 as the raw digest of the bytes,
 * which S3Proxy answers as the ETag; content type; storage tier). The MD5 is computed from the bytes copied, not
 * taken from the name. Objects already in the store are left alone. Usage:
 * java SeedS3Store.java CACHE_DIR STORE_PREFIX_DIR   (e.g. repo/.dvc/cache s3data/bench/million)
 */
public final class SeedS3Store {
  public static void main(String[] args) throws Exception {
    Path cache = Path.of(args[0], "files", "md5");
    Path store = Path.of(args[1], "files", "md5");
    List<Path> shards;
    try (Stream<Path> s = Files.list(cache)) {
      shards = s.sorted().toList();
    }
    AtomicLong copied = new AtomicLong();
    shards.parallelStream().forEach(shard -> {
      try {
        copied.addAndGet(copyShard(shard, store.resolve(shard.getFileName().toString())));
      } catch (Exception e) {
        throw new IllegalStateException(shard + ": " + e, e);
      }
    });
    System.out.println("seeded " + copied.get() + " objects into " + store);
  }

  private static long copyShard(Path shard, Path target) throws Exception {
    Files.createDirectories(target);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    byte[] buf = new byte[1 << 16];
    long n = 0;
    try (Stream<Path> objects = Files.list(shard)) {
      for (Path src : (Iterable<Path>) objects::iterator) {
        Path dst = target.resolve(src.getFileName().toString());
        if (Files.exists(dst)) {
          continue;
        }
        Path tmp = target.resolve("." + src.getFileName() + ".seed");
        md5.reset();
        try (InputStream in = new DigestInputStream(Files.newInputStream(src), md5);
            OutputStream out = Files.newOutputStream(tmp)) {
          for (int r; (r = in.read(buf)) > 0; ) {
            out.write(buf, 0, r);
          }
        }
        byte[] digest = md5.digest();
        String name = src.getFileName().toString();
        String expected = shard.getFileName() + name.substring(0, Math.min(name.length(), 30));
        if (!HexFormat.of().formatHex(digest).equals(expected)) {
          throw new IOException("cache object " + src + " does not hash to its name");
        }
        UserDefinedFileAttributeView x = Files.getFileAttributeView(tmp, UserDefinedFileAttributeView.class);
        x.write("user.content-md5", ByteBuffer.wrap(digest));
        x.write("user.content-type", StandardCharsets.US_ASCII.encode("application/octet-stream"));
        x.write("user.storage-tier", StandardCharsets.US_ASCII.encode("STANDARD"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r-----"));
        Files.move(tmp, dst);
        n++;
      }
    }
    return n;
  }
}
