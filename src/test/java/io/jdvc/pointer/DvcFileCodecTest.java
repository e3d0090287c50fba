package io.jdvc.pointer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.object.Oid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DvcFileCodecTest {
  private final DvcFileCodec codec = new DvcFileCodec();

  private static String golden(String name) throws IOException {
    return Files.readString(Path.of("testdata", name), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dvc3/file.dvc", "dvc3/dir.dvc", "dvc3/empty-dir.dvc", "dvc3/exec.dvc",
      "dvc3/digits-md5.dvc", "dvc3/float-md5.dvc", "dvc3/annotated.dvc", "dvc3/long-path.dvc", "dvc3/import.dvc",
      "dvc3/multi.dvc", "dvc2-legacy/file.dvc", "dvc2-legacy/dir.dvc", "dvc2-legacy/dvc1-nosize.dvc"})
  void rewritingAGoldenFileReproducesItsBytes(String name) throws IOException {
    String text = golden(name);
    DvcFile parsed = codec.read(Path.of("testdata", name));
    assertEquals(text, codec.write(parsed));
    assertEquals(parsed, codec.parse(codec.write(parsed), name));
  }

  @Test
  void recognisesARepositoryImportAndItsSource() throws IOException {
    assertEquals("https://github.com/iterative/example-get-started",
        codec.read(Path.of("testdata", "dvc3/import.dvc")).repoImportUrl());
    assertEquals(null, codec.read(Path.of("testdata", "dvc3/file.dvc")).repoImportUrl());
  }

  @Test
  void writesDvcAddOutputForAFile() {
    Output out = Output.of("a.txt", Oid.parse("b1946ac92492d2347c6235b4d2611184"), 6L, null);
    assertEquals("outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  size: 6\n  hash: md5\n  path: a.txt\n",
        codec.write(DvcFile.of(List.of(out))));
  }

  @Test
  void writesDvcAddOutputForADirectory() {
    Output out = Output.of("data", Oid.parse("5369cb520f35f5d77e793cf181884a27.dir"), 12L, 2L);
    assertEquals("outs:\n- md5: 5369cb520f35f5d77e793cf181884a27.dir\n  size: 12\n  nfiles: 2\n  hash: md5\n"
        + "  path: data\n", codec.write(DvcFile.of(List.of(out))));
    assertTrue(out.isDir());
    assertFalse(out.isLegacy());
  }

  @Test
  void writesExecAndCacheFalseInDvcOrder() {
    Output base = Output.of("run.sh", Oid.parse("b1946ac92492d2347c6235b4d2611184"), 6L, null)
        .withContent(Oid.parse("b1946ac92492d2347c6235b4d2611184"), 6L, null, true);
    Output out = new Output(base.path(), base.md5(), base.size(), null, true, "md5", null, null, null, "x", null,
        null, null, false, false, null, null, null, null, null);
    assertEquals("outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  size: 6\n  isexec: true\n  hash: md5\n"
        + "  path: run.sh\n  desc: x\n  cache: false\n", codec.write(DvcFile.of(List.of(out))));
  }

  @Test
  void readsTheFileModel() throws IOException {
    Output o = codec.read(Path.of("testdata/dvc3/dir.dvc")).outs().get(0);
    assertEquals("data", o.path());
    assertEquals(Oid.parse("5369cb520f35f5d77e793cf181884a27.dir"), o.md5());
    assertEquals(12L, o.size());
    assertEquals(2L, o.nfiles());
    assertEquals("md5", o.hashName());
    assertTrue(o.usesCache());
    assertTrue(o.canPush());
  }

  @Test
  void legacyFileIsMarkedLegacyAndKeepsNoHashKey() throws IOException {
    DvcFile f = codec.read(Path.of("testdata/dvc2-legacy/file.dvc"));
    Output o = f.outs().get(0);
    assertTrue(o.isLegacy());
    assertTrue(o.md5().legacy());
    assertNull(o.hashName());
    assertEquals(golden("dvc2-legacy/file.dvc"), codec.write(f));
  }

  @Test
  void legacyOutputMovesTo3xOnlyWhenGivenANonLegacyOid() {
    Output legacy = Output.of("a.txt", Oid.parse("b1946ac92492d2347c6235b4d2611184", true), 6L, null);
    assertTrue(legacy.isLegacy());
    Output same = legacy.withContent(legacy.md5(), 6L, null, false);
    assertEquals(legacy, same);
    Output moved = legacy.withContent(Oid.parse("591785b794601e212b260e25925636fd"), 6L, null, false);
    assertFalse(moved.isLegacy());
    assertEquals("outs:\n- md5: 591785b794601e212b260e25925636fd\n  size: 6\n  hash: md5\n  path: a.txt\n",
        codec.write(DvcFile.of(List.of(moved))));
  }

  @Test
  void allDigitMd5StaysAStringAndIsQuotedOnWrite() throws IOException {
    DvcFile f = codec.read(Path.of("testdata/dvc3/digits-md5.dvc"));
    assertEquals("12345678901234567890123456789012", f.outs().get(0).md5().value());
    assertEquals(3_000_000_000L, f.outs().get(0).size());
    assertTrue(codec.write(f).contains("- md5: '12345678901234567890123456789012'\n"));
  }

  @Test
  void unquotedAllDigitMd5IsCoercedAsDvcDoes() {
    DvcFile f = codec.parse("outs:\n- md5: 12345678901234567890123456789012\n  hash: md5\n  path: a\n", "x.dvc");
    assertEquals("12345678901234567890123456789012", f.outs().get(0).md5().value());
  }

  @Test
  void yaml12KeepsOnAndYesAsStrings() {
    DvcFile f = codec.parse("outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  hash: md5\n  path: on\n"
        + "  desc: yes\n", "x.dvc");
    assertEquals("on", f.outs().get(0).path());
    assertEquals("yes", f.outs().get(0).desc());
    assertEquals("outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  hash: md5\n  path: on\n  desc: yes\n",
        codec.write(f));
  }

  @Test
  void freeFormMetaKeepsPlainNumbersAndNulls() throws IOException {
    DvcFile f = codec.read(Path.of("testdata/dvc3/annotated.dvc"));
    @SuppressWarnings("unchecked") Map<String, Object> meta = (Map<String, Object>) f.outs().get(0).meta();
    assertEquals(new PlainScalar("3"), meta.get("version"));
    assertEquals(new PlainScalar(""), meta.get("none"));
    assertEquals(List.of("a", "1"), meta.get("tags"));
    Output o = f.outs().get(0);
    assertEquals(List.of("raw", "2024"), o.labels());
    assertFalse(o.usesCache());
    assertFalse(o.canPush());
    assertTrue(o.persist());
    assertTrue(f.frozen());
  }

  @Test
  void emptyDocumentHasNoOutputsAndWritesEmptyMapping() {
    DvcFile f = codec.parse("", "x.dvc");
    assertTrue(f.outs().isEmpty());
    assertEquals("{}\n", codec.write(f));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "corrupt-yaml.dvc|6|invalid YAML: expected ',' or ']'",
      "unknown-key.dvc|6|unknown key 'color' in an output",
      "unknown-top-key.dvc|1|unknown key 'cmd' in top level",
      "non-hex-md5.dvc|2|invalid md5 'g1946ac92492d2347c6235b4d2611184'",
      "path-traversal.dvc|5|path '../x' escapes its directory with '..'",
      "absolute-path.dvc|5|path '/etc/passwd' is absolute",
      "negative-size.dvc|3|'size' must not be negative: -6",
      "missing-path.dvc|2|output has no 'path'",
      "quoted-size.dvc|3|'size' must be a whole number, not '6'",
      "yes-is-not-bool.dvc|3|'isexec' must be true or false, not 'yes'",
      "float-md5.dvc|2|'md5' must be a string",
      "not-a-mapping.dvc|1|a .dvc file must be a mapping",
      "duplicate-key.dvc|4|duplicate key 'path' in an output"})
  void hostileFilesAreRejectedWithFileAndLine(String name, int line, String problem) {
    Path p = Path.of("testdata/hostile", name);
    CorruptDvcFileException e = assertThrows(CorruptDvcFileException.class, () -> codec.read(p));
    assertTrue(e.getMessage().startsWith(p + ":" + line + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertEquals(line, e.line());
    assertTrue(e.hint() != null && !e.hint().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/../../x", "a\\b", "C:/x", "", "a/.."})
  void unsafePathsAreRejected(String path) {
    String yaml = "outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  hash: md5\n  path: '" + path + "'\n";
    assertThrows(CorruptDvcFileException.class, () -> codec.parse(yaml, "x.dvc"));
    assertThrows(IllegalArgumentException.class, () -> Output.of(path, null, null, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a: b", "x:", "C:", "b:c/d"})
  void colonsAreOrdinaryCharactersOnlyADriveWithSlashIsAbsolute(String path) {
    // DVC on POSIX reads these as names; only 'X:/...' would be absolute (on Windows)
    String yaml = "outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  hash: md5\n  path: '" + path + "'\n";
    assertEquals(path, codec.parse(yaml, "x.dvc").outs().get(0).path());
  }

  @Test
  void unknownHashNameIsRejected() {
    assertThrows(CorruptDvcFileException.class, () -> codec.parse(
        "outs:\n- md5: b1946ac92492d2347c6235b4d2611184\n  hash: sha256\n  path: a\n", "x.dvc"));
  }

  @Test
  void invalidUtf8IsRejected(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.dvc");
    Files.write(f, new byte[] {'o', 'u', 't', 's', ':', ' ', (byte) 0xff, '\n'});
    assertThrows(CorruptDvcFileException.class, () -> codec.read(f));
  }

  @Test
  void writeIfChangedLeavesEquivalentFilesAlone(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a.txt.dvc");
    // Not canonical (flow style), but the same content: DVC would not touch it either.
    String flow = "outs: [{md5: b1946ac92492d2347c6235b4d2611184, size: 6, hash: md5, path: a.txt}]\n";
    Files.writeString(f, flow);
    DvcFile same = codec.read(f);
    assertFalse(codec.writeIfChanged(f, same));
    assertEquals(flow, Files.readString(f));

    DvcFile changed = same.withOuts(List.of(same.outs().get(0)
        .withContent(Oid.parse("591785b794601e212b260e25925636fd"), 6L, null, false)));
    assertTrue(codec.writeIfChanged(f, changed));
    assertEquals("outs:\n- md5: 591785b794601e212b260e25925636fd\n  size: 6\n  hash: md5\n  path: a.txt\n",
        Files.readString(f));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temp file left behind");
    }
  }

  @Test
  void writeIfChangedCreatesMissingFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("new.dvc");
    assertTrue(codec.writeIfChanged(f, DvcFile.of(List.of(Output.of("new", null, null, null)))));
    assertEquals("outs:\n- hash: md5\n  path: new\n", Files.readString(f));
  }
}
