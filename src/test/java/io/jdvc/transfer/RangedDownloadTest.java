package io.jdvc.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdvc.ProgressListener;
import io.jdvc.concurrent.BoundedExecutor;
import io.jdvc.hash.Md5;
import io.jdvc.object.Oid;
import io.jdvc.remote.ObjectNotFoundException;
import io.jdvc.remote.local.LocalRemote;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangedDownloadTest {
  @TempDir Path tmp;

  @Test
  void partsLandInPlaceAndAreHashedInOrder() throws Exception {
    byte[] content = new byte[(int) (2 * RangedDownload.PART + 12345)];
    new Random(5).nextBytes(content);
    Oid oid = Oid.parse(Md5.hex(content));
    Path store = Files.createDirectories(tmp.resolve("store"));
    Path target = Files.createFile(tmp.resolve("target"));
    Path copy = tmp.resolve("copy");
    AtomicLong bytes = new AtomicLong();
    try (LocalRemote remote = new LocalRemote("local", store);
        FileChannel copyChannel = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      remote.upload(oid, Files.write(tmp.resolve("src"), content), b -> {});
      Oid actual = RangedDownload.fetch(remote, oid, content.length, target, copyChannel, new ProgressListener() {
        @Override
        public void advance(long items, long b) {
          bytes.addAndGet(b);
        }
      });
      assertEquals(oid, actual);
    }
    assertArrayEquals(content, Files.readAllBytes(target));
    assertArrayEquals(content, Files.readAllBytes(copy), "the workspace copy gets the same bytes");
    assertEquals(content.length, bytes.get(), "progress counts every byte once");
  }

  @Test
  void aMissingObjectFailsWithoutHanging() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    Path target = Files.createFile(tmp.resolve("target"));
    Oid absent = Oid.parse(Md5.hex("absent".getBytes()));
    try (LocalRemote remote = new LocalRemote("local", store)) {
      BoundedExecutor.TaskException e = assertThrows(BoundedExecutor.TaskException.class,
          () -> RangedDownload.fetch(remote, absent, 3 * RangedDownload.PART, target, null,
              ProgressListener.NONE));
      assertEquals(ObjectNotFoundException.class, e.getCause().getClass());
    }
  }
}
