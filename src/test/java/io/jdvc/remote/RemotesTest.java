package io.jdvc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdvc.JdvcException;
import io.jdvc.remote.local.LocalRemote;
import io.jdvc.remote.s3.S3Remote;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class RemotesTest {
  @TempDir Path tmp;

  @Test
  void relativeLocalPathIsRelativeToTheConfigDirectory() {
    Path dotDvc = tmp.resolve("repo/.dvc");
    try (Remote r = Remotes.open("backup", Map.of("url", "../../storage"), dotDvc)) {
      assertEquals(tmp.resolve("storage"), ((LocalRemote) r).root());
      assertEquals("backup", r.name());
    }
  }

  @Test
  void absoluteAndFileUrlsAreLocalRemotes() {
    try (Remote r = Remotes.open("a", Map.of("url", "/mnt/dvc", "jobs", "4"), tmp)) {
      assertEquals(Path.of("/mnt/dvc"), ((LocalRemote) r).root());
    }
    try (Remote r = Remotes.open("f", Map.of("url", "file:///mnt/dvc"), tmp)) {
      assertEquals(Path.of("/mnt/dvc"), ((LocalRemote) r).root());
    }
  }

  @Test
  void s3UrlsAreS3Remotes() {
    var section = Map.of("url", "s3://bucket-a/p", "endpointurl", "http://127.0.0.1:1", "access_key_id", "a",
        "secret_access_key", "b", "jobs", "3");
    try (Remote r = Remotes.open("s", section, tmp)) {
      S3Remote s3 = assertInstanceOf(S3Remote.class, r);
      assertEquals("s3://bucket-a/p", s3.location());
      assertEquals(3, s3.defaultJobs());
    }
  }

  @Test
  void anS3RemotesJobsAreCappedAtTheMaximum() {
    var section = Map.of("url", "s3://bucket-a/p", "endpointurl", "http://127.0.0.1:1", "access_key_id", "a",
        "secret_access_key", "b", "jobs", "100000");
    try (Remote r = Remotes.open("s", section, tmp)) {
      assertEquals(Remote.MAX_JOBS, r.defaultJobs());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-2", "1.5"})
  void aLocalRemotesJobsMustBeAPositiveWholeNumberAsForS3(String jobs) {
    JdvcException local = assertThrows(JdvcException.class,
        () -> Remotes.validateOption("l", "/mnt/dvc", "jobs", jobs));
    assertTrue(local.getMessage().contains("jobs must be a whole number >= 1, not '" + jobs + "'"),
        local.getMessage());
    assertThrows(JdvcException.class, () -> Remotes.validateOption("s", "s3://b", "jobs", jobs));
  }

  @Test
  void otherSchemesAndMissingUrlsAreClearErrors() {
    JdvcException e = assertThrows(JdvcException.class, () -> Remotes.open("g", Map.of("url", "gs://b/p"), tmp));
    assertTrue(e.getMessage().contains("unsupported remote URL scheme 'gs'"), e.getMessage());
    e = assertThrows(JdvcException.class, () -> Remotes.open("n", Map.of(), tmp));
    assertTrue(e.getMessage().contains("has no url"), e.getMessage());
    e = assertThrows(JdvcException.class,
        () -> Remotes.open("l", Map.of("url", "/x", "endpointurl", "http://x"), tmp));
    assertTrue(e.getMessage().contains("endpointurl"), e.getMessage());
  }

  private static String refusal(String url, String option, String value) {
    return assertThrows(JdvcException.class, () -> Remotes.validateOption("r", url, option, value)).getMessage();
  }

  @Test
  void optionValuesAreCheckedAsDvcsSchemaChecksThem() {
    // Bool = All(Lower, Any("true", "false")): any case of true/false, nothing else
    Remotes.validateOption("r", "s3://bucket/p", "listobjects", "TRUE");
    Remotes.validateOption("r", "/mnt/store", "no_traverse", "False");
    assertTrue(refusal("s3://bucket/p", "listobjects", "yes").contains("listobjects must be true or false"));
    assertTrue(refusal("/mnt/store", "slow_link_warning", "1").contains("must be true or false"));
    // All(Coerce(int), Range(1)) and Coerce(int)
    assertTrue(refusal("s3://bucket/p", "checksum_jobs", "0").contains("checksum_jobs must be a whole number >= 1"));
    assertTrue(refusal("/mnt/store", "jobs", "four").contains("jobs must be a whole number >= 1"));
    assertTrue(refusal("s3://bucket/p", "read_timeout", "1.5").contains("read_timeout must be a whole number"));
    Remotes.validateOption("r", "s3://bucket/p", "connect_timeout", "10");
    // shared: All(Lower, Choices("group")); type: reflink, hardlink, symlink, copy
    Remotes.validateOption("r", "/mnt/store", "shared", "Group");
    assertTrue(refusal("/mnt/store", "shared", "world").contains("shared must be 'group'"));
    assertTrue(refusal("/mnt/store", "type", "copy,zip").contains("zip"));
  }

  @Test
  void cacheRegionsIsRefusedBecauseDvcCanReadNoValueOfIt() {
    // "cache_regions": bool checks isinstance(value, bool), and a config file only holds strings
    String e = refusal("s3://bucket/p", "cache_regions", "false");
    assertTrue(e.contains("cache_regions") && e.contains("every DVC command"), e);
  }
}
