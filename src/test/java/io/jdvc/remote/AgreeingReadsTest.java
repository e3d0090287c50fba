package io.jdvc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.ObjectLayout;
import io.jdvc.object.Oid;
import io.jdvc.remote.local.LocalRemote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule audits and history scans judge remote copies by, against a real directory remote whose file the test
 * rewrites between reads (as a network that damages bytes differently on every read would make them differ): a
 * copy is corrupt only when two complete reads agree on the same wrong content, never after one read, and reads
 * that never agree are not judged.
 */
class AgreeingReadsTest {
  private static final String SOUND = "the object's content\n";
  private static final Oid OID = Oid.parse(DigestUtils.md5Hex(SOUND));
  private static final String RUN = "runs/ab/ab" + "c".repeat(62) + "/" + "d".repeat(64);

  @TempDir Path tmp;
  private Path root;
  private LocalRemote remote;
  /** Every complete read, in order. */
  private final List<String> reads = new ArrayList<>();

  @BeforeEach
  void open() throws IOException {
    root = Files.createDirectory(tmp.resolve("remote"));
    remote = new LocalRemote("nas", root);
  }

  @AfterEach
  void close() {
    remote.close();
  }

  /** Puts {@code content} on the remote under OID's key, whatever it hashes to. */
  private void store(String content) throws IOException {
    Path p = root.resolve(ObjectLayout.keyOf(OID));
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  /** Reads OID; after each complete read, the remote holds the next of {@code later} (if any is left). */
  private AgreeingReads.Settled<String> judge(String... later) throws IOException {
    return AgreeingReads.object(remote, OID, in -> {
      String read = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      reads.add(read);
      if (reads.size() <= later.length) {
        store(later[reads.size() - 1]);
      }
      return read;
    }, read -> read.equals(SOUND) ? null : read);
  }

  @Test
  void aSoundCopyIsReadOnce() throws IOException {
    store(SOUND);
    assertEquals(new AgreeingReads.Settled<>(SOUND, false), judge());
    assertEquals(1, reads.size());
  }

  @Test
  void aWrongCopyIsCorruptOnlyOnceASecondReadAgrees() throws IOException {
    store("tampered\n");
    assertEquals(new AgreeingReads.Settled<>("tampered\n", true), judge());
    assertEquals(List.of("tampered\n", "tampered\n"), reads, "one wrong read alone is no verdict");
  }

  @Test
  void aWrongReadThatTheNextReadContradictsIsNoVerdict_theSoundReadWins() throws IOException {
    store("damaged on the way\n");
    assertEquals(new AgreeingReads.Settled<>(SOUND, false), judge(SOUND));
    assertEquals(List.of("damaged on the way\n", SOUND), reads);
  }

  @Test
  void readsThatNeverAgreeAreNotJudged_neverCorrupt() throws IOException {
    store("damaged once\n");
    AgreeingReads.NotJudgedException e =
        assertThrows(AgreeingReads.NotJudgedException.class, () -> judge("damaged twice\n", "damaged thrice\n"));
    assertEquals(List.of("damaged once\n", "damaged twice\n"), reads);
    assertTrue(e.getMessage().startsWith("remote 'nas': object " + OID.value() + " not judged: 2 complete reads"),
        e.getMessage());
  }

  @Test
  void anAbsentObjectIsNotFound_notJudged() {
    assertThrows(ObjectNotFoundException.class, this::judge);
    assertEquals(List.of(), reads);
  }

  @Test
  void runCacheFilesAreJudgedByTheSameRule() throws IOException {
    Path file = root.resolve(RUN);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "cmd: forged\n");
    AgreeingReads.Settled<String> s = AgreeingReads.runCacheFile(remote, RUN, in -> {
      String read = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      reads.add(read);
      return read;
    }, read -> read.equals("cmd: sound\n") ? null : read);
    assertTrue(s.corrupt());
    assertEquals(2, reads.size(), "one wrong read alone is no verdict");

    Files.delete(file);
    assertThrows(NoSuchFileException.class, () -> AgreeingReads.runCacheFile(remote, RUN,
        in -> in.readAllBytes(), bytes -> null));
  }
}
