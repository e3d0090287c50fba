package io.jdvc.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdvc.ProgressListener;
import io.jdvc.hash.FileHasher;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files from 16 MiB up go into the cache in one read pass, the copy written past the page cache. */
class BigFileCopyTest {
  /** Above the 16 MiB threshold, not a multiple of the 4 MiB block nor of the 4 KiB direct-I/O unit. */
  private static final int SIZE = (17 << 20) + 4097;

  @TempDir Path tmp;

  private Path randomFile(String name, int size) throws IOException {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return Files.write(tmp.resolve(name), b);
  }

  private static byte[] sha256(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void theObjectHoldsTheBytesItIsNamedAfterAndTheRecordGetsTheirSha256() throws Exception {
    Path source = randomFile("big.bin", SIZE);
    byte[] content = Files.readAllBytes(source);
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    Map<Oid, byte[]> record = new HashMap<>();
    cache.onInsertSha256(record::put);

    Oid oid = cache.insertFile(source, false);

    assertEquals(FileHasher.hash(source, false), oid, "the MD5 of the whole file, as the one-thread path has it");
    assertArrayEquals(content, Files.readAllBytes(cache.pathOf(oid)), "the tail past the last 4 KiB included");
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.pathOf(oid))));
    assertArrayEquals(sha256(content), record.get(oid));
    assertEquals(List.of(cache.pathOf(oid)), files(cache.root()), "no temp file is left");
  }

  @Test
  void aLegacyFileIsHashedPerMebibyteChunkAsDvc2Does() throws Exception {
    // text with CRLF line ends: md5-dos2unix drops the CR in every 1 MiB chunk that looks like text
    StringBuilder line = new StringBuilder();
    for (int i = 0; line.length() < SIZE; i++) {
      line.append("row ").append(i).append(",value\r\n");
    }
    Path source = Files.writeString(tmp.resolve("legacy.csv"), line);
    LocalCache cache = new LocalCache(tmp.resolve("cache"));

    Oid oid = cache.insertFile(source, true);

    assertEquals(FileHasher.hash(source, true), oid);
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(cache.pathOf(oid)), "stored unconverted");
  }

  @Test
  void throughThePageCacheWhereDirectIoIsRefusedTheCopyIsTheSame() throws Exception {
    Path source = randomFile("big.bin", SIZE);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Path target = tmp.resolve("copy");

    Oid oid = BigFileCopy.copy(source, target, false, sha, ProgressListener.NONE, false);

    assertEquals(FileHasher.hash(source, false), oid);
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
    assertArrayEquals(sha256(Files.readAllBytes(source)), sha.digest());
  }

  @Test
  void aSourceThatCannotBeReadLeavesNoTempFileBehind() throws Exception {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    Path missing = tmp.resolve("gone.bin");

    assertThrows(IOException.class, () -> cache.insertFile(missing, SIZE, false, ProgressListener.NONE));
    assertEquals(List.of(), files(cache.root()));
  }

  @Test
  void manyCopiesInARowReuseTheirBuffersAndStayCorrect() throws Exception {
    LocalCache cache = new LocalCache(tmp.resolve("cache"));
    for (int i = 0; i < 3; i++) {
      Path source = randomFile("f" + i, SIZE - i * 4096);
      Oid oid = cache.insertFile(source, false);
      assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(cache.pathOf(oid)));
    }
  }
}
