package io.jdvc.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DVC's hashing test vectors (dvc-format.md §2). */
class FileHasherTest {
  @TempDir Path tmp;

  private static Oid hash(byte[] content, boolean legacy) throws IOException {
    return FileHasher.hash(new ByteArrayInputStream(content), legacy, null);
  }

  @Test
  void plainMd5MatchesMd5sum() throws IOException {
    assertEquals("b1946ac92492d2347c6235b4d2611184", hash("hello\n".getBytes(StandardCharsets.US_ASCII), false).value());
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", hash(new byte[0], false).value());
  }

  @Test
  void dos2unixConvertsCrlfInTextOnly() throws IOException {
    byte[] crlf = "hello\r\nworld\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals("7ac062d8a84466e70d9b899c0821a51c", hash(crlf, false).value());
    Oid legacy = hash(crlf, true);
    assertEquals("0f723ae7f9bf07744445e93ac5595156", legacy.value());
    assertTrue(legacy.legacy());
    byte[] binary = {'a', '\r', '\n', 0};
    assertEquals("45f547e477b625af2c2aa642fde04366", hash(binary, true).value());
    assertEquals("45f547e477b625af2c2aa642fde04366", hash(binary, false).value());
  }

  @Test
  void dos2unixDecidesPerMebibyteChunk() throws IOException {
    // chunk 1 is binary (NUL at the start) and keeps its CRLF; chunk 2 is text and loses it
    byte[] content = new byte[FileHasher.CHUNK + 4];
    Arrays.fill(content, (byte) 'x');
    content[0] = 0;
    content[10] = '\r';
    content[11] = '\n';
    content[FileHasher.CHUNK] = '\r';
    content[FileHasher.CHUNK + 1] = '\n';
    byte[] expected = new byte[content.length - 1];
    System.arraycopy(content, 0, expected, 0, FileHasher.CHUNK);
    System.arraycopy(content, FileHasher.CHUNK + 1, expected, FileHasher.CHUNK, 3);
    assertEquals(Md5.hex(expected), hash(content, true).value());
  }

  @Test
  void hashingWhileCopyingWritesEveryByte() throws IOException {
    byte[] content = new byte[3 * FileHasher.CHUNK + 17];
    new java.util.Random(1).nextBytes(content);
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    Oid oid = FileHasher.hash(new ByteArrayInputStream(content), false, copy);
    assertEquals(Md5.hex(content), oid.value());
    assertTrue(Arrays.equals(content, copy.toByteArray()));
    Path f = Files.write(tmp.resolve("f"), content);
    assertEquals(oid, FileHasher.hash(f, false));
  }

  @Test
  void textDetectionFollowsIstextblock() {
    byte[] text = "plain text\n".getBytes(StandardCharsets.US_ASCII);
    assertTrue(Dos2Unix.isText(text, text.length));
    byte[] mostlyHigh = new byte[10];
    Arrays.fill(mostlyHigh, (byte) 0xC3);
    assertFalse(Dos2Unix.isText(mostlyHigh, mostlyHigh.length));
    assertTrue(Dos2Unix.isText(new byte[0], 0));
  }
}
