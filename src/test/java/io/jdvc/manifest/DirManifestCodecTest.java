package io.jdvc.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirManifestCodecTest {
  private static final Oid A = Oid.parse("b1946ac92492d2347c6235b4d2611184");
  private static final Oid B = Oid.parse("591785b794601e212b260e25925636fd");
  private final DirManifestCodec codec = new DirManifestCodec();

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void workedExampleFromDvcFormat() {
    DirManifest m = new DirManifest(List.of(new DirEntry("sub/b.txt", B), new DirEntry("a.txt", A)));
    byte[] bytes = codec.encode(m);
    String expected = "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a.txt\"}, "
        + "{\"md5\": \"591785b794601e212b260e25925636fd\", \"relpath\": \"sub/b.txt\"}]";
    assertArrayEquals(ascii(expected), bytes);
    assertEquals(134, bytes.length);
    assertEquals(Oid.parse("5369cb520f35f5d77e793cf181884a27.dir"), codec.dirOid(m));
    assertEquals(m, codec.decode(bytes, false));
  }

  @Test
  void emptyDirectory() {
    DirManifest m = new DirManifest(List.of());
    assertArrayEquals(ascii("[]"), codec.encode(m));
    assertEquals(Oid.parse("d751713988987e9331980363e24189ce.dir"), codec.dirOid(m));
    assertEquals(0, codec.decode(ascii("[]"), false).count());
    assertEquals(0, codec.decode(ascii(" [ ] \n"), false).count());
  }

  @Test
  void escapingMatchesPythonEnsureAscii() {
    DirManifest m = new DirManifest(List.of(new DirEntry("déjà/😀 \"q\".txt", A)));
    String expected = "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": "
        + "\"d\\u00e9j\\u00e0/\\ud83d\\ude00 \\\"q\\\".txt\"}]";
    assertEquals(expected, new String(codec.encode(m), StandardCharsets.US_ASCII));
    assertEquals(Oid.parse("1f58efb44f8a425a9e302683c0192278.dir"), codec.dirOid(m));
    assertEquals(m, codec.decode(codec.encode(m), false));
  }

  @Test
  void sortsByCodePointAndEscapesControlCharacters() {
    // Expected bytes and hash computed with python3 json.dumps(sorted(...), sort_keys=True).
    List<DirEntry> entries = List.of(new DirEntry("😀.txt", A), new DirEntry("\ue000.txt", A),
        new DirEntry("\ufffd.txt", A), new DirEntry("a\u007f\n\r\t\b\f/\u0001.txt", A));
    DirManifest m = new DirManifest(entries);
    String e = "{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": ";
    String expected = "[" + e + "\"a\\u007f\\n\\r\\t\\b\\f/\\u0001.txt\"}, " + e + "\"\\ue000.txt\"}, "
        + e + "\"\\ufffd.txt\"}, " + e + "\"\\ud83d\\ude00.txt\"}]";
    assertEquals(expected, new String(codec.encode(m), StandardCharsets.US_ASCII));
    assertEquals(Oid.parse("13588bf5eba3303a93a6d5acf78a4d2d.dir"), codec.dirOid(m));
    assertEquals(m, codec.decode(codec.encode(m), false));
  }

  @Test
  void orderIsPythonStringOrderNotTreeWalkOrder() {
    DirManifest m = new DirManifest(List.of(new DirEntry("a0", A), new DirEntry("a/b", A),
        new DirEntry("a.txt", A), new DirEntry("a-b", A)));
    assertEquals(List.of("a-b", "a.txt", "a/b", "a0"), m.entries().stream().map(DirEntry::relpath).toList());
  }

  @Test
  void supplementaryCharactersSortAfterPrivateUseArea() {
    assertTrue("\uD83D\uDE00".compareTo("\uE000") < 0, "UTF-16 order is the wrong one");
    assertTrue(DirManifest.CODE_POINT_ORDER.compare("\uD83D\uDE00", "\uE000") > 0);
    assertTrue(DirManifest.CODE_POINT_ORDER.compare("\uD83D\uDE00", "\uFFFF") > 0);
    assertTrue(DirManifest.CODE_POINT_ORDER.compare("\uD7FF", "\uD83D\uDE00") < 0);
    assertTrue(DirManifest.CODE_POINT_ORDER.compare("ab", "abc") < 0);
    assertEquals(0, DirManifest.CODE_POINT_ORDER.compare("x😀", "x😀"));
  }

  @Test
  void lookupByRelpath() {
    DirManifest m = new DirManifest(List.of(new DirEntry("sub/b.txt", B), new DirEntry("a.txt", A),
        new DirEntry("😀", A), new DirEntry("\uE000", B)));
    assertEquals(B, m.get("sub/b.txt").orElseThrow().md5());
    assertEquals(A, m.get("😀").orElseThrow().md5());
    assertEquals(B, m.get("\uE000").orElseThrow().md5());
    assertFalse(m.get("sub").isPresent());
    assertFalse(m.get("zzz").isPresent());
  }

  @Test
  void legacyFlagReachesEntriesAndDirOidButNotTheHash() {
    byte[] bytes = codec.encode(new DirManifest(List.of(new DirEntry("a.txt", A), new DirEntry("sub/b.txt", B))));
    DirManifest legacy = codec.decode(bytes, true);
    assertTrue(legacy.entries().get(0).md5().legacy());
    Oid oid = codec.dirOid(legacy, true);
    assertEquals("5369cb520f35f5d77e793cf181884a27.dir", oid.value());
    assertTrue(oid.legacy());
  }

  @Test
  void decodeToleratesExtraKeysWhitespaceAndUnsortedInput() {
    String json = "[ {\"relpath\": \"sub/b.txt\", \"md5\": \"591785b794601e212b260e25925636fd\", \"size\": 6,"
        + " \"x\": {\"y\": [1, -2.5e3, true, null, \"\\u00e9\"]}},\n"
        + " {\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a\\/b\\u00e9\\ud83d\\ude00\"} ]";
    DirManifest m = codec.decode(ascii(json), false);
    assertEquals(List.of("a/bé😀", "sub/b.txt"), m.entries().stream().map(DirEntry::relpath).toList());
  }

  @Test
  void decodeAcceptsRawUtf8() {
    DirManifest m = codec.decode(ascii("[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"é/😀\"}]"),
        false);
    assertEquals("é/😀", m.entries().get(0).relpath());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not-a-list.dir|not a JSON list",
      "traversal.dir|has a '..' segment",
      "absolute.dir|is absolute",
      "duplicate.dir|duplicate relpath 'a.txt'",
      "file-and-directory.dir|'a' is both a file and a directory",
      "upper-md5.dir|invalid md5",
      "missing-md5.dir|has no 'md5'",
      "backslash.dir|contains a backslash",
      "empty-segment.dir|has an empty segment",
      "nul.dir|contains NUL",
      "truncated.dir|unexpected end of data"})
  void hostileManifestsAreRejected(String name, String problem) throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("testdata/hostile/manifests", name));
    CorruptManifestException e = assertThrows(CorruptManifestException.class, () -> codec.decode(bytes, false));
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[", "[{}]", "[1]", "[{\"md5\": 1, \"relpath\": \"a\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a\"}] x",
      "[{\"md5\": \"5369cb520f35f5d77e793cf181884a27.dir\", \"relpath\": \"a\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a/\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"./a\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a/..\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"\\ud83d\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a\\q\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"md5\": \"b1946ac92492d2347c6235b4d2611184\"}]",
      "[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"a\", \"x\": tru}]"})
  void malformedManifestsAreRejected(String json) {
    assertThrows(CorruptManifestException.class, () -> codec.decode(ascii(json), false));
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] bytes = ascii("[{\"md5\": \"b1946ac92492d2347c6235b4d2611184\", \"relpath\": \"aX\"}]");
    bytes[bytes.length - 4] = (byte) 0xC0;
    assertThrows(CorruptManifestException.class, () -> codec.decode(bytes, false));
  }

  @Test
  void dirEntryRejectsUnsafePaths() {
    assertThrows(IllegalArgumentException.class, () -> new DirEntry("../x", A));
    assertThrows(IllegalArgumentException.class, () -> new DirEntry("a", Oid.parse(A.value() + ".dir")));
    assertThrows(IllegalArgumentException.class,
        () -> new DirManifest(List.of(new DirEntry("a", A), new DirEntry("a", B))));
  }

  @Test
  void streamingEncodeEqualsInMemoryEncode() throws IOException {
    List<DirEntry> entries = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      entries.add(new DirEntry("d" + (i % 7) + "/f" + i + "é.bin", i % 2 == 0 ? A : B));
    }
    DirManifest m = new DirManifest(entries);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.encode(m, out);
    assertArrayEquals(codec.encode(m), out.toByteArray());
  }

  @Test
  void oneMillionEntriesRoundTrip() {
    List<DirEntry> entries = new ArrayList<>(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      entries.add(new DirEntry("dir" + (i % 1000) + "/file-" + i + ".dat", i % 2 == 0 ? A : B));
    }
    DirManifest m = new DirManifest(entries);
    byte[] bytes = codec.encode(m);
    DirManifest back = codec.decode(bytes, false);
    assertEquals(1_000_000, back.count());
    assertEquals(m, back);
    assertEquals(codec.dirOid(m), codec.dirOid(back));
  }
}
