package io.jdvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.testing.CliRunner;
import io.jdvc.testing.CliRunner.CliResult;
import io.jdvc.testing.TempGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jdvc remote / jdvc config end to end in a real repository, checked byte for byte against DVC's output. */
class RemoteCommandsIT {
  /** dvc-format.md §5: remote add -d, config core.autostage true, remote modify endpointurl. */
  private static final String GOLDEN = "[core]\n    remote = myremote\n    autostage = true\n"
      + "['remote \"myremote\"']\n    url = s3://mybucket/dvcstore\n    endpointurl = http://localhost:9000\n";
  private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    jdvc = new CliRunner(root);
    jdvc.ok("init");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private String config() throws IOException {
    return Files.readString(root.resolve(".dvc/config"), StandardCharsets.UTF_8);
  }

  private String localConfig() throws IOException {
    Path p = root.resolve(".dvc/config.local");
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  private static void assertFails(CliResult r, String expectedInErr) {
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains(expectedInErr), r.err());
  }

  @Test
  void addDefaultAutostageAndEndpointGiveDvcsExactBytes() throws IOException {
    CliResult add = jdvc.ok("remote", "add", "-d", "myremote", "s3://mybucket/dvcstore");
    assertEquals("Setting 'myremote' as a default remote.\n", add.out());
    assertEquals("[core]\n    remote = myremote\n['remote \"myremote\"']\n    url = s3://mybucket/dvcstore\n",
        config());
    jdvc.ok("config", "core.autostage", "true");
    jdvc.ok("remote", "modify", "myremote", "endpointurl", "http://localhost:9000");
    assertEquals(GOLDEN, config());
    assertEquals("", localConfig());
  }

  @Test
  void remoteAfterPlainSectionsEvenWhenAddedFirst() throws IOException {
    jdvc.ok("remote", "add", "store", "s3://mybucket/p");
    jdvc.ok("config", "cache.type", "hardlink,copy");
    assertEquals("[cache]\n    type = \"hardlink,copy\"\n['remote \"store\"']\n    url = s3://mybucket/p\n", config());
    assertEquals("hardlink,copy\n", jdvc.ok("config", "cache.type").out());
  }

  @Test
  void namesAreLowerCased() throws IOException {
    jdvc.ok("remote", "add", "-d", "MyRemote", "s3://mybucket");
    assertEquals("[core]\n    remote = myremote\n['remote \"myremote\"']\n    url = s3://mybucket\n", config());
    assertEquals("myremote\n", jdvc.ok("remote", "default").out());
  }

  @Test
  void relativePathIsStoredRelativeToDvcDir() throws IOException {
    jdvc.ok("remote", "add", "r", "../store");
    assertEquals("['remote \"r\"']\n    url = ../../store\n", config());

    Path sub = Files.createDirectories(root.resolve("sub/dir"));
    new CliRunner(sub).ok("remote", "add", "r2", "../../../other");
    new CliRunner(sub).ok("remote", "add", "inside", "storage");
    assertEquals("['remote \"r\"']\n    url = ../../store\n['remote \"r2\"']\n    url = ../../other\n"
        + "['remote \"inside\"']\n    url = ../sub/dir/storage\n", config());
  }

  @Test
  void absoluteHomeAndUrlsAreKeptAsGiven() throws IOException {
    jdvc.ok("remote", "add", "abs", "/srv/dvc-store");
    jdvc.ok("remote", "add", "home", "~/dvc-store");
    jdvc.ok("remote", "add", "file", "file:///srv/store");
    jdvc.ok("remote", "add", "s3", "s3://mybucket/a/b");
    assertEquals("['remote \"abs\"']\n    url = /srv/dvc-store\n['remote \"home\"']\n    url = ~/dvc-store\n"
        + "['remote \"file\"']\n    url = file:///srv/store\n['remote \"s3\"']\n    url = s3://mybucket/a/b\n",
        config());
  }

  @Test
  void localFlagWritesConfigLocal() throws IOException {
    jdvc.ok("remote", "add", "--local", "-d", "mine", "../store");
    assertEquals("", config());
    assertEquals("[core]\n    remote = mine\n['remote \"mine\"']\n    url = ../../store\n", localConfig());
    jdvc.ok("config", "--local", "core.autostage", "false");
    assertEquals("[core]\n    remote = mine\n    autostage = false\n['remote \"mine\"']\n    url = ../../store\n",
        localConfig());
    assertEquals("", config());
  }

  @Test
  void duplicateNameNeedsForceAndForceReplacesAllOptions() throws IOException {
    jdvc.ok("remote", "add", "myremote", "s3://mybucket/a");
    jdvc.ok("remote", "modify", "myremote", "region", "eu-west-1");
    jdvc.ok("remote", "add", "other", "s3://mybucket/b");
    CliResult dup = jdvc.run("remote", "add", "MyRemote", "s3://mybucket/c");
    assertFails(dup, "ERROR: remote 'myremote' already exists in .dvc/config");
    assertTrue(dup.err().contains("-f/--force"), dup.err());
    jdvc.ok("remote", "add", "-f", "myremote", "s3://mybucket/c");
    assertEquals("['remote \"myremote\"']\n    url = s3://mybucket/c\n['remote \"other\"']\n    url = s3://mybucket/b\n",
        config());
  }

  @Test
  void badUrlsAreRefusedWithClearMessages() throws IOException {
    assertFails(jdvc.run("remote", "add", "b", "s3://B_ad/x"), "is not a valid S3 bucket name");
    assertEquals("", config());
    assertEquals(2, jdvc.run("remote", "add", "onlyname").exitCode());
  }

  /**
   * DVC projects keep remotes of kinds jdvc does not speak: they are added and modified as DVC would, with a
   * warning, and only the types DVC's schema gives every remote are checked.
   */
  @Test
  void aRemoteOfAKindJdvcDoesNotSpeakIsKeptWithAWarning() throws IOException {
    CliResult add = jdvc.ok("remote", "add", "-d", "g", "gs://bucket/x");
    assertTrue(add.err().contains("remote 'g' (gs://, Google Cloud Storage)")
        && add.err().contains("jdvc cannot transfer to or from it"), add.err());
    jdvc.ok("remote", "modify", "g", "projectname", "my-project");
    assertFails(jdvc.run("remote", "modify", "g", "jobs", "many"), "jobs must be a whole number >= 1");
    CliResult url = jdvc.ok("remote", "modify", "g", "url", "ssh://me@example.invalid/srv/dvc");
    assertTrue(url.err().contains("(ssh://, SSH)"), url.err());
    assertEquals("[core]\n    remote = g\n['remote \"g\"']\n    url = ssh://me@example.invalid/srv/dvc\n"
        + "    projectname = my-project\n", config());
    Files.writeString(root.resolve("a.txt"), "a\n");
    jdvc.ok("add", "a.txt");
    assertFails(jdvc.run("push"), "remote 'g' (ssh://, SSH): unsupported remote URL scheme 'ssh'");
  }

  @Test
  void modifyRejectsUnknownAndInapplicableKeys() throws IOException {
    jdvc.ok("remote", "add", "s3r", "s3://mybucket/p");
    jdvc.ok("remote", "add", "dir", "../store");
    String before = config();
    CliResult unknown = jdvc.run("remote", "modify", "s3r", "endpoint_url", "http://x");
    assertFails(unknown, "remote 's3r': unknown option 'endpoint_url'");
    assertTrue(unknown.err().contains("known S3 options:") && unknown.err().contains("endpointurl"), unknown.err());
    assertFails(jdvc.run("remote", "modify", "s3r", "use_ssl", "maybe"), "use_ssl must be true or false");
    assertFails(jdvc.run("config", "remote.s3r.cache_regions", "false"), "cache_regions cannot be set");
    assertFails(jdvc.run("remote", "modify", "dir", "jobs", "0"), "jobs must be a whole number >= 1");
    assertFails(jdvc.run("remote", "modify", "dir", "region", "eu-west-1"),
        "option 'region' does not apply to a local directory remote");
    assertFails(jdvc.run("remote", "modify", "nope", "region", "x"), "remote 'nope' does not exist");
    assertEquals(before, config(), "a refused modify writes nothing");
  }

  @Test
  void modifyUnsetAndPathOptions() throws IOException {
    jdvc.ok("remote", "add", "myremote", "s3://mybucket/p");
    jdvc.ok("remote", "modify", "myremote", "credentialpath", "creds/aws");
    jdvc.ok("remote", "modify", "myremote", "profile", "dev");
    assertEquals("['remote \"myremote\"']\n    url = s3://mybucket/p\n    credentialpath = ../creds/aws\n"
        + "    profile = dev\n", config());
    jdvc.ok("remote", "modify", "-u", "myremote", "credentialpath");
    assertEquals("['remote \"myremote\"']\n    url = s3://mybucket/p\n    profile = dev\n", config());
    assertFails(jdvc.run("remote", "modify", "--unset", "myremote", "region"), "is not set");
  }

  @Test
  void secretInTrackedConfigWarnsAndIsNeverShown() throws IOException {
    jdvc.ok("remote", "add", "-d", "myremote", "s3://mybucket/dvcstore");
    CliResult r = jdvc.ok("remote", "modify", "myremote", "secret_access_key", SECRET);
    assertTrue(r.err().contains("WARNING: 'secret_access_key' of remote 'myremote' is about to be written to "
        + ".dvc/config, a file Git tracks"), r.err());
    assertTrue(r.err().contains("jdvc remote modify --local myremote secret_access_key"), r.err());
    assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET));
    assertTrue(config().contains("    secret_access_key = " + SECRET + "\n"), "still written, as DVC does");

    CliResult local = jdvc.ok("remote", "modify", "--local", "myremote", "access_key_id", "AKIAEXAMPLE");
    assertFalse(local.err().contains("Git tracks"), local.err());
    assertEquals("['remote \"myremote\"']\n    access_key_id = AKIAEXAMPLE\n", localConfig());

    for (String[] cmd : new String[][] {{"remote", "list"}, {"remote", "list", "--json"}, {"config", "-l"},
        {"config", "--list", "--json", "--show-origin"}, {"config", "remote.myremote.secret_access_key"},
        {"config", "--json", "remote.myremote.access_key_id"}}) {
      CliResult shown = jdvc.ok(cmd);
      assertFalse(shown.out().contains(SECRET) || shown.err().contains(SECRET), String.join(" ", cmd));
      assertFalse(shown.out().contains("AKIAEXAMPLE"), String.join(" ", cmd) + ": " + shown.out());
    }
    assertEquals("****\n", jdvc.ok("config", "remote.myremote.secret_access_key").out());
  }

  @Test
  void pairedCredentialsMaySetOneAtATime() throws IOException {
    jdvc.ok("remote", "add", "myremote", "s3://mybucket/p");
    CliResult first = jdvc.ok("remote", "modify", "--local", "myremote", "access_key_id", "AKIAEXAMPLE");
    assertTrue(first.err().contains("must be set together"), first.err());
    CliResult second = jdvc.ok("remote", "modify", "--local", "myremote", "secret_access_key", SECRET);
    assertEquals("", second.err());
    assertEquals("['remote \"myremote\"']\n    access_key_id = AKIAEXAMPLE\n    secret_access_key = " + SECRET
        + "\n", localConfig());
  }

  @Test
  void listShowsUrlsAndMarksDefault() throws IOException {
    assertEquals("", jdvc.ok("remote", "list").out());
    jdvc.ok("remote", "add", "a", "s3://mybucket/a");
    jdvc.ok("remote", "add", "-d", "b", "../store");
    jdvc.ok("remote", "add", "--local", "c", "/srv/c");
    assertEquals("a\ts3://mybucket/a\nb\t../../store\t(default)\nc\t/srv/c\n", jdvc.ok("remote", "list").out());
    assertEquals("[\n  {\n    \"name\": \"a\",\n    \"url\": \"s3://mybucket/a\",\n    \"level\": \"repo\",\n"
        + "    \"default\": false\n  },\n  {\n    \"name\": \"b\",\n    \"url\": \"../../store\",\n"
        + "    \"level\": \"repo\",\n    \"default\": true\n  },\n  {\n    \"name\": \"c\",\n"
        + "    \"url\": \"/srv/c\",\n    \"level\": \"local\",\n    \"default\": false\n  }\n]\n",
        jdvc.ok("remote", "list", "--json").out());
  }

  @Test
  void removeClearsDefaultAndSearchesBothLevels() throws IOException {
    jdvc.ok("remote", "add", "-d", "myremote", "s3://mybucket/p");
    jdvc.ok("remote", "add", "keep", "s3://mybucket/k");
    jdvc.ok("remote", "modify", "--local", "myremote", "profile", "dev");
    jdvc.ok("config", "--local", "core.remote", "myremote");
    CliResult r = jdvc.ok("remote", "remove", "MyRemote");
    assertTrue(r.out().contains("was the default remote"), r.out());
    assertEquals("['remote \"keep\"']\n    url = s3://mybucket/k\n", config());
    assertEquals("", localConfig());
    assertFails(jdvc.run("remote", "default"), "no default remote is set");
    assertFails(jdvc.run("remote", "remove", "myremote"), "remote 'myremote' does not exist");
  }

  @Test
  void renameMovesSectionLastAndDefaultFollows() throws IOException {
    jdvc.ok("remote", "add", "-d", "old", "s3://mybucket/o");
    jdvc.ok("remote", "add", "other", "s3://mybucket/x");
    jdvc.ok("remote", "modify", "--local", "old", "profile", "dev");
    jdvc.ok("remote", "rename", "old", "New");
    assertEquals("[core]\n    remote = new\n['remote \"other\"']\n    url = s3://mybucket/x\n"
        + "['remote \"new\"']\n    url = s3://mybucket/o\n", config());
    assertEquals("['remote \"new\"']\n    profile = dev\n", localConfig());
    assertEquals("new\n", jdvc.ok("remote", "default").out());
    assertFails(jdvc.run("remote", "rename", "new", "other"), "remote 'other' already exists");
    assertFails(jdvc.run("remote", "rename", "gone", "x"), "remote 'gone' does not exist");
  }

  @Test
  void credentialsSplitAcrossConfigFilesCompleteThePairWithoutAWarning() {
    jdvc.ok("remote", "add", "myremote", "s3://mybucket/p");
    CliResult half = jdvc.ok("remote", "modify", "myremote", "secret_access_key", SECRET);
    assertTrue(half.err().contains("must be set together"), "one half alone is incomplete: " + half.err());
    CliResult pair = jdvc.ok("remote", "modify", "--local", "myremote", "access_key_id", "AKIAX");
    assertFalse(pair.err().contains("must be set together"), pair.err());
  }

  @Test
  void defaultGetSetUnset() throws IOException {
    CliResult none = jdvc.run("remote", "default");
    assertFails(none, "no default remote is set");
    assertEquals("{\n  \"default\": null\n}\n", jdvc.ok("remote", "default", "--json").out());
    jdvc.ok("remote", "add", "a", "s3://mybucket/a");
    assertFails(jdvc.run("remote", "default", "b"), "remote 'b' does not exist");
    jdvc.ok("remote", "default", "A");
    assertEquals("[core]\n    remote = a\n['remote \"a\"']\n    url = s3://mybucket/a\n", config());
    assertEquals("a\n", jdvc.ok("remote", "default").out());
    assertEquals("{\n  \"default\": \"a\"\n}\n", jdvc.ok("remote", "default", "--json").out());
    jdvc.ok("remote", "default", "--unset");
    assertEquals("['remote \"a\"']\n    url = s3://mybucket/a\n", config());
  }

  @Test
  void configGetOfAnUnknownKeySaysItIsUnknownNotUnset() {
    CliResult section = jdvc.run("config", "nope.key");
    assertFails(section, "unknown config section 'nope'");
    assertFalse(section.err().contains("set it with"), section.err());
    assertFails(jdvc.run("config", "core.nope"), "unknown config option 'core.nope'");
    assertFails(jdvc.run("config", "core.autostage"), "hint: set it with 'jdvc config core.autostage VALUE'");
    assertFails(jdvc.run("config", "core.autostage", "maybe"), "hint: e.g. 'jdvc config core.autostage true'");
  }

  @Test
  void configGetSetUnsetList() throws IOException {
    jdvc.ok("config", "core.autostage", "false");
    jdvc.ok("config", "cache.type", "hardlink,copy");
    jdvc.ok("remote", "add", "myremote", "s3://mybucket/p");
    assertEquals("false\n", jdvc.ok("config", "core.autostage").out());
    assertEquals("s3://mybucket/p\n", jdvc.ok("config", "remote.myremote.url").out());
    jdvc.ok("config", "remote.myremote.url", "s3://mybucket/q");
    assertEquals("[core]\n    autostage = false\n[cache]\n    type = \"hardlink,copy\"\n"
        + "['remote \"myremote\"']\n    url = s3://mybucket/q\n", config());
    jdvc.ok("config", "--local", "core.autostage", "true");
    assertEquals("true\n", jdvc.ok("config", "core.autostage").out(), "config.local shadows config");
    assertEquals("core.autostage=true\ncache.type=hardlink,copy\nremote.myremote.url=s3://mybucket/q\n",
        jdvc.ok("config", "-l").out());
    assertEquals(".dvc/config.local\tcore.autostage=true\n", jdvc.ok("config", "-l", "--local", "--show-origin").out());
    assertEquals("{\n  \"key\": \"core.autostage\",\n  \"value\": \"true\",\n  \"level\": \"local\",\n"
        + "  \"secret\": false\n}\n", jdvc.ok("config", "--json", "core.autostage").out());

    jdvc.ok("config", "-u", "cache.type");
    assertEquals("[core]\n    autostage = false\n['remote \"myremote\"']\n    url = s3://mybucket/q\n", config());
    CliResult unset = jdvc.run("config", "cache.type");
    assertFails(unset, "config option 'cache.type' is not set");
    assertEquals("", unset.out());
    assertFails(jdvc.run("config", "--unset", "cache.type"), "is not set in .dvc/config");
  }

  @Test
  void configPathsAndValidation() throws IOException {
    jdvc.ok("config", "cache.dir", "../shared-cache");
    assertEquals("[cache]\n    dir = ../../shared-cache\n", config());
    assertFails(jdvc.run("config", "core.autostage", "yes"), "core.autostage must be true or false");
    assertFails(jdvc.run("config", "core.nosuch", "1"), "unknown config option 'core.nosuch'");
    assertFails(jdvc.run("config", "cache.type", "hardlink,teleport"), "invalid cache.type 'teleport'");
    assertFails(jdvc.run("config", "bogus.key", "1"), "unknown config section 'bogus'");
    assertFails(jdvc.run("config", "nodot", "1"), "invalid config key 'nodot'");
    assertFails(jdvc.run("config", "remote.myremote.endpointurl", "http://x"), "remote 'myremote' has no url");
    assertEquals("[cache]\n    dir = ../../shared-cache\n", config());
    assertEquals(2, jdvc.run("config").exitCode());
    assertEquals(2, jdvc.run("config", "-l", "core.remote").exitCode());
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : new String[][] {{"remote", "--help"}, {"remote", "add", "--help"},
        {"remote", "modify", "--help"}, {"remote", "list", "--help"}, {"remote", "remove", "--help"},
        {"remote", "rename", "--help"}, {"remote", "default", "--help"}, {"config", "--help"},
        {"install", "--help"}}) {
      CliResult r = jdvc.ok(cmd);
      assertTrue(r.out().startsWith("Usage: jdvc " + cmd[0]), r.out());
    }
  }
}
