package io.jdvc.remote.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.Remote;
import io.jdvc.remote.RemoteContract;
import io.jdvc.remote.RemoteUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalRemoteTest extends RemoteContract {
  private Path root;

  @Override
  protected Remote newRemote() throws Exception {
    root = Files.createDirectory(tmp.resolve("remote"));
    return new LocalRemote("local", root);
  }

  @Override
  protected boolean rawExists(String relativeKey) {
    return Files.isRegularFile(root.resolve(relativeKey));
  }

  @Test
  void missingRootDirectoryMakesTheRemoteUnavailableWithAHint() throws Exception {
    Path missing = tmp.resolve("not-mounted");
    try (LocalRemote r = new LocalRemote("nas", missing)) {
      Oid oid = oidOf(new byte[] {1});
      RemoteUnavailableException e =
          assertThrows(RemoteUnavailableException.class, () -> r.upload(oid, file(new byte[] {1}), n -> {}));
      assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
      assertTrue(e.hint().contains("mkdir"), e.hint());
      assertThrows(RemoteUnavailableException.class, () -> r.stat(oid));
      assertThrows(RemoteUnavailableException.class, () -> r.existing(List.of(oid)));
      assertThrows(RemoteUnavailableException.class, () -> r.list(o -> {}));
      assertTrue(Files.notExists(missing), "a remote never creates its own root");
    }
  }

  @Test
  void aRootThatIsAFileIsReportedAsNotADirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("passwd"), "root:x:0:0\n");
    try (LocalRemote r = new LocalRemote("nas", file)) {
      RemoteUnavailableException e =
          assertThrows(RemoteUnavailableException.class, () -> r.stat(oidOf(new byte[] {1})));
      assertTrue(e.getMessage().contains(file + " is not a directory"), e.getMessage());
      assertFalse(e.hint().contains("mkdir"), e.hint());
    }
  }

  @Test
  void objectsAreReadOnlyAndNoTempFilesRemain() throws Exception {
    Oid oid = put(new byte[] {1, 2, 3});
    Path p = root.resolve(ObjectLayout.keyOf(oid));
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    try (var s = Files.list(p.getParent())) {
      assertEquals(List.of(p), s.toList());
    }
  }

  @Test
  void listIgnoresTempFilesAndForeignEntries() throws Exception {
    Oid oid = put(new byte[] {4});
    Path shard = root.resolve(ObjectLayout.keyOf(oid)).getParent();
    Files.writeString(shard.resolve(".abc.tmp"), "partial");
    Files.createDirectories(root.resolve("runs/ab/cd"));
    Files.writeString(root.resolve("runs/ab/cd/x"), "run cache");
    Files.writeString(root.resolve("README"), "hi");
    Files.createDirectories(root.resolve("zz"));
    Files.writeString(root.resolve("zz/notanobject"), "x");
    assertEquals(Set.of(oid), listAll());
  }
}
