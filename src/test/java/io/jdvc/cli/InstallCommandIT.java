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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jdvc install in a real repository: hook files, their content and mode, and how user hooks are kept. */
class InstallCommandIT {
  private static final List<String> HOOKS = List.of("post-checkout", "pre-commit", "pre-push");

  @TempDir Path tmp;
  TempGitRepo repo;
  CliRunner jdvc;
  Path root;
  Path hooks;

  @BeforeEach
  void setUp() {
    repo = TempGitRepo.create(tmp.resolve("project"));
    root = repo.root();
    hooks = root.resolve(".git/hooks");
    jdvc = new CliRunner(root);
    jdvc.ok("init");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private String hook(String name) throws IOException {
    return Files.readString(hooks.resolve(name), StandardCharsets.UTF_8);
  }

  private String mode(String name) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(hooks.resolve(name)));
  }

  @Test
  void createsExecutableShellHooksThatCallJdvc() throws IOException {
    CliResult r = jdvc.ok("install");
    for (String h : HOOKS) {
      assertTrue(r.out().contains(h + ": created"), r.out());
      String script = hook(h);
      assertTrue(script.startsWith("#!/bin/sh\n# >>> jdvc " + h + " hook >>>\n"), script);
      assertTrue(script.endsWith("# <<< jdvc " + h + " hook <<<\n"), script);
      assertTrue(script.contains("put the directory holding jdvc's bin/jdvc launcher on PATH"), script);
      assertTrue(mode(h).matches("r[w-]xr-xr-x"), h + " " + mode(h));
    }
    String postCheckout = hook("post-checkout");
    assertTrue(postCheckout.contains("if [ \"$3\" = \"1\" ] && [ -d .dvc ]; then\n"), postCheckout);
    assertTrue(postCheckout.contains("    jdvc -q checkout\n"), postCheckout);
    assertTrue(hook("pre-commit").contains("    jdvc status\n"));
    assertTrue(hook("pre-push").contains("    jdvc push || exit $?\n"));
  }

  @Test
  void secondRunChangesNothing() throws IOException {
    jdvc.ok("install");
    String before = hook("pre-push");
    CliResult again = jdvc.ok("install");
    for (String h : HOOKS) {
      assertTrue(again.out().contains(h + ": already installed"), again.out());
    }
    assertEquals(before, hook("pre-push"));
    assertEquals(1, before.split("# >>> jdvc pre-push hook >>>", -1).length - 1);
  }

  @Test
  void appendsToAnExistingShellHookKeepingIt() throws IOException {
    Files.createDirectories(hooks);
    String user = "#!/bin/bash\n# my own check\n./scripts/lint.sh || exit 1";
    Files.writeString(hooks.resolve("pre-commit"), user);
    Files.setPosixFilePermissions(hooks.resolve("pre-commit"), PosixFilePermissions.fromString("rwx------"));
    CliResult r = jdvc.ok("install");
    assertTrue(r.out().contains("pre-commit: added jdvc's commands to the existing hook"), r.out());
    String script = hook("pre-commit");
    assertTrue(script.startsWith(user + "\n\n# >>> jdvc pre-commit hook >>>\n"), script);
    assertTrue(script.contains("jdvc status"), script);
    assertEquals("rwx------", mode("pre-commit"), "the user's permissions are kept");

    jdvc.ok("install");
    assertEquals(script, hook("pre-commit"), "idempotent after appending too");

    CliResult un = jdvc.ok("install", "--uninstall");
    assertTrue(un.out().contains("pre-commit: removed jdvc's commands, kept the rest"), un.out());
    assertTrue(un.out().contains("pre-push: deleted"), un.out());
    assertEquals(user + "\n", hook("pre-commit"));
    assertFalse(Files.exists(hooks.resolve("pre-push")));
  }

  @Test
  void refusesANonShellHookAndWritesNothing() throws IOException {
    Files.createDirectories(hooks);
    String python = "#!/usr/bin/env python3\nprint('hi')\n";
    Files.writeString(hooks.resolve("pre-push"), python);
    CliResult r = jdvc.run("install");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("ERROR: the existing Git hook 'pre-push'"), r.err());
    assertTrue(r.err().contains("is not a shell script"), r.err());
    assertTrue(r.err().contains("hint: add 'jdvc push' to that hook yourself"), r.err());
    assertEquals(python, hook("pre-push"));
    assertFalse(Files.exists(hooks.resolve("post-checkout")), "nothing half-installed");
  }

  @Test
  void warnsWhenAnExistingHookEndsWithExec() throws IOException {
    Files.createDirectories(hooks);
    Files.writeString(hooks.resolve("post-checkout"), "#!/bin/sh\nexec other-tool \"$@\"\n");
    CliResult r = jdvc.ok("install");
    assertTrue(r.err().contains("WARNING: the existing Git hook 'post-checkout' ends with exit/exec"), r.err());
  }

  @Test
  void honoursCoreHooksPath() throws IOException {
    StoredConfig cfg = repo.git().getRepository().getConfig();
    cfg.setString("core", null, "hooksPath", "githooks");
    cfg.save();
    jdvc.ok("install");
    assertTrue(Files.isExecutable(root.resolve("githooks/pre-push")));
    assertFalse(Files.exists(hooks.resolve("pre-push")));
  }
}
