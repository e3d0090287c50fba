package io.jdvc.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {
  /** dvc-format.md §5: remote add -d, config core.autostage true, remote modify endpointurl. */
  private static final String GOLDEN = "[core]\n    remote = myremote\n    autostage = true\n"
      + "['remote \"myremote\"']\n    url = s3://mybucket/dvcstore\n    endpointurl = http://localhost:9000\n";

  @Test
  void buildsDvcsExactOutputStepByStep() {
    ConfigFile c = new ConfigFile();
    assertEquals("", c.write(), "dvc init writes an empty config");
    c.setRemoteOption("myremote", "url", "s3://mybucket/dvcstore");
    c.set("core.remote", "myremote");
    assertEquals("[core]\n    remote = myremote\n['remote \"myremote\"']\n    url = s3://mybucket/dvcstore\n",
        c.write(), "named sections come last, as DVC's _pack_named writes them");

    ConfigFile d = new ConfigFile();
    d.set("core.remote", "myremote");
    d.setRemoteOption("myremote", "url", "s3://mybucket/dvcstore");
    assertEquals("[core]\n    remote = myremote\n['remote \"myremote\"']\n    url = s3://mybucket/dvcstore\n",
        d.write());
    d.set("core.autostage", "true");
    d.setRemoteOption("myremote", "endpointurl", "http://localhost:9000");
    assertEquals(GOLDEN, d.write());
  }

  @Test
  void goldenRoundTrips() {
    ConfigFile c = ConfigFile.parse(GOLDEN, "config");
    assertEquals(GOLDEN, c.write());
    assertEquals(Optional.of("myremote"), c.get("core.remote"));
    assertEquals(List.of("myremote"), c.remoteNames());
    assertEquals(Map.of("url", "s3://mybucket/dvcstore", "endpointurl", "http://localhost:9000"),
        c.remote("myremote"));
    assertEquals(Optional.of("http://localhost:9000"), c.get("remote.myremote.endpointurl"));
  }

  @Test
  void readsBothHeaderFormsCommentsIndentationAndQuotes() {
    String text = "# a comment\n[CORE]\n  Remote = \"origin\"  # inline\n\tno_scm = True\n"
        + "[remote \"Origin\"]\nurl=s3://b/p\n"
        + "[ 'remote \"other\"' ]\n        type = 'reflink,copy'\n        x = a # trailing\n"
        + "        empty =\n\n[cache]\n    type = \"reflink,copy\"\n";
    ConfigFile c = ConfigFile.parse(text, "config");
    assertEquals(Optional.of("origin"), c.get("core.remote"));
    assertEquals(Optional.of("True"), c.get("core.no_scm"));
    assertEquals(List.of("origin", "other"), c.remoteNames());
    assertEquals("s3://b/p", c.remote("origin").get("url"));
    assertEquals("reflink,copy", c.remote("other").get("type"));
    assertEquals("a", c.remote("other").get("x"));
    assertEquals("", c.remote("other").get("empty"));
    assertEquals("[core]\n    remote = origin\n    no_scm = True\n[cache]\n    type = \"reflink,copy\"\n"
        + "['remote \"origin\"']\n    url = s3://b/p\n"
        + "['remote \"other\"']\n    type = \"reflink,copy\"\n    x = a\n    empty = \"\"\n", c.write(),
        "named sections after plain ones, as DVC's _pack_named writes them");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "plain|plain",
      "reflink,copy|`\"reflink,copy\"`",
      "a#b|`\"a#b\"`",
      "`say \"hi\", ok`|`'say \"hi\", ok'`",
      "` lead`|`\" lead\"`",
      "`it's`|`it's`",
      "s3://bucket/with space/x|s3://bucket/with space/x"})
  void quotesLikeConfigObj(String value, String written) {
    assertEquals(written, ConfigFile.quote(value));
  }

  @Test
  void emptyValueIsWrittenAsEmptyQuotes() {
    assertEquals("\"\"", ConfigFile.quote(""));
  }

  @Test
  void unsetDropsEmptySections() {
    ConfigFile c = ConfigFile.parse(GOLDEN, "config");
    assertTrue(c.unset("core.remote"));
    assertTrue(c.unset("core.autostage"));
    assertFalse(c.unset("core.autostage"));
    assertEquals("['remote \"myremote\"']\n    url = s3://mybucket/dvcstore\n    endpointurl = http://localhost:9000\n",
        c.write());
  }

  @Test
  void renameRemoteMovesItLastAndRepointsDefault() {
    ConfigFile c = ConfigFile.parse(GOLDEN + "[cache]\n    dir = ../c\n['remote \"z\"']\n    url = /z\n", "config");
    c.renameRemote("myremote", "Store");
    assertEquals("[core]\n    remote = store\n    autostage = true\n[cache]\n    dir = ../c\n"
        + "['remote \"z\"']\n    url = /z\n['remote \"store\"']\n"
        + "    url = s3://mybucket/dvcstore\n    endpointurl = http://localhost:9000\n",
        c.write());
    assertThrows(JdvcException.class, () -> c.renameRemote("nope", "x"));
  }

  @Test
  void removeRemoteAlsoClearsDefault() {
    ConfigFile c = ConfigFile.parse(GOLDEN, "config");
    assertTrue(c.removeRemote("myremote"));
    assertEquals("[core]\n    autostage = true\n", c.write());
    assertFalse(c.removeRemote("myremote"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'[core]\n    remote myremote\n'|config:2: expected 'key = value'",
      "'remote = x\n'|config:1: 'remote = x' is outside any [section]",
      "'[core\n'|config:1: section header without ']'",
      "'[core]\n[core]\n'|config:2: duplicate section [core]",
      "'[core]\n a = 1\n A = 2\n'|config:3: duplicate key 'a'",
      "'[core]\n a = \"x\n'|config:2: unterminated quoted value",
      "'[[sub]]\n'|config:1: nested sections",
      "'[core]\n a = \"\"\"x\"\"\"\n'|config:2: multi-line"})
  void malformedLinesNameFileAndLine(String text, String message) {
    JdvcException e = assertThrows(JdvcException.class, () -> ConfigFile.parse(text, "config"));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void valuesThatCannotBeWrittenAreRefusedWhenSet() {
    ConfigFile c = new ConfigFile();
    assertThrows(JdvcException.class, () -> c.set("core.remote", "a\nb"));
    assertThrows(JdvcException.class, () -> c.set("core.remote", "it's \"x\""));
    assertThrows(JdvcException.class, () -> c.set("noDot", "x"));
    assertEquals("", c.write());
  }

  @Test
  void saveIsAtomicAndMissingFileReadsEmpty(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(".dvc/config");
    assertEquals("", ConfigFile.read(file).write());
    ConfigFile c = new ConfigFile();
    c.save(file);
    assertEquals(0, Files.size(file), "empty config is 0 bytes");
    c.set("core.remote", "myremote");
    c.setRemoteOption("myremote", "url", "s3://mybucket/dvcstore");
    c.save(file);
    assertEquals("[core]\n    remote = myremote\n['remote \"myremote\"']\n    url = s3://mybucket/dvcstore\n",
        Files.readString(file));
    try (var s = Files.list(file.getParent())) {
      assertEquals(1, s.count(), "no temp file left behind");
    }
    assertEquals(Optional.of("s3://mybucket/dvcstore"), ConfigFile.read(file).get("remote.myremote.url"));
  }
}
