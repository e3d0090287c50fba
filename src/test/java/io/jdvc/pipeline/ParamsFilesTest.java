package io.jdvc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsFilesTest {
  @TempDir Path dir;

  private Map<String, Object> read(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return ParamsFiles.read(f, name);
  }

  @Test
  void yamlValuesHaveTheTypesDvcSees() throws IOException {
    Map<String, Object> p = read("params.yaml", """
        train:
          lr: 0.20
          big: 1e3
          epochs: 10
          hex: 0x1F
          answer: yes
          flag: true
          none: ~
          quoted: '10'
          huge: 123456789012345678901234567890
          layers: [64, 32]
        """);
    assertEquals(0.2, ParamsFiles.lookup(p, "train.lr"));
    assertEquals(1000.0, ParamsFiles.lookup(p, "train.big"));
    assertEquals(10L, ParamsFiles.lookup(p, "train.epochs"));
    assertEquals(31L, ParamsFiles.lookup(p, "train.hex"));
    assertEquals("yes", ParamsFiles.lookup(p, "train.answer"));
    assertEquals(true, ParamsFiles.lookup(p, "train.flag"));
    assertEquals(null, ParamsFiles.lookup(p, "train.none"));
    assertEquals("10", ParamsFiles.lookup(p, "train.quoted"));
    assertEquals(new java.math.BigInteger("123456789012345678901234567890"), ParamsFiles.lookup(p, "train.huge"));
    assertEquals(32L, ParamsFiles.lookup(p, "train.layers.1"));
    assertSame(ParamsFiles.MISSING, ParamsFiles.lookup(p, "train.layers.2"));
    assertSame(ParamsFiles.MISSING, ParamsFiles.lookup(p, "train.missing"));
    assertSame(ParamsFiles.MISSING, ParamsFiles.lookup(p, "train.lr.x"));
    assertEquals(List.of("lr", "big", "epochs", "hex", "answer", "flag", "none", "quoted", "huge", "layers"),
        List.copyOf(((Map<?, ?>) p.get("train")).keySet().stream().map(String::valueOf).toList()));
  }

  @Test
  void jsonKeepsOrderAndPythonsNumberTypes() throws IOException {
    Map<String, Object> p = read("params.json",
        "{\"b\": 1, \"a\": {\"x\": 1.50, \"y\": [true, null, \"s\\u00e9\"]}, \"e\": 2E2}");
    assertEquals(List.of("b", "a", "e"), List.copyOf(p.keySet()));
    assertEquals(1L, p.get("b"));
    assertEquals(1.5, ParamsFiles.lookup(p, "a.x"));
    assertEquals(Arrays.asList(true, null, "sé"), ParamsFiles.lookup(p, "a.y"));
    assertEquals(200.0, p.get("e"));
  }

  @Test
  void tomlTablesKeepOrderAndTypes() throws IOException {
    Map<String, Object> p = read("params.toml", """
        title = "demo"

        [train]
        lr = 0.010
        epochs = 1_000
        hex = 0xff
        fast = true
        layers = [64, 32]
        when = 1979-05-27T07:32:00Z

        [train.optimizer]
        name = 'adam'

        [[runs]]
        seed = 1
        [[runs]]
        seed = 2
        """);
    assertEquals(List.of("title", "train", "runs"), List.copyOf(p.keySet()));
    assertEquals(0.01, ParamsFiles.lookup(p, "train.lr"));
    assertEquals(1000L, ParamsFiles.lookup(p, "train.epochs"));
    assertEquals(255L, ParamsFiles.lookup(p, "train.hex"));
    assertEquals(true, ParamsFiles.lookup(p, "train.fast"));
    assertEquals(List.of(64L, 32L), ParamsFiles.lookup(p, "train.layers"));
    assertEquals("adam", ParamsFiles.lookup(p, "train.optimizer.name"));
    assertEquals(2L, ParamsFiles.lookup(p, "runs.1.seed"));
    PipelineFileException bad = assertThrows(PipelineFileException.class,
        () -> ParamsFiles.parse("a = \n".getBytes(StandardCharsets.UTF_8), "p.toml"));
    assertTrue(bad.getMessage().startsWith("p.toml:1: invalid TOML"), bad.getMessage());
  }

  @Test
  void pythonFilesYieldLiteralAssignmentsClassesAndInitAttributes() throws IOException {
    Map<String, Object> p = read("params.py", """
        import math
        # a comment = 3
        LR = 0.001
        EPOCHS: int = 10
        NAME = 'net' "work"
        LAYERS = [64, (32, 16)]
        OPTS = {"momentum": 0.9, 'nesterov': True, "decay": None}
        COMPUTED = math.sqrt(2)
        A = B = 1
        NEG = -5


        class TrainConfig:
            batch = 32
            drop = 0.5

            def __init__(self, seed=1):
                self.seed = 42
                local = 7

            def other(self):
                self.ignored = 1


        def helper():
            x = 1
        """);
    assertEquals(List.of("LR", "EPOCHS", "NAME", "LAYERS", "OPTS", "NEG", "TrainConfig"), List.copyOf(p.keySet()));
    assertEquals(0.001, p.get("LR"));
    assertEquals(10L, p.get("EPOCHS"));
    assertEquals("network", p.get("NAME"));
    assertEquals(List.of(64L, List.of(32L, 16L)), p.get("LAYERS"));
    assertEquals(Arrays.asList(0.9, true, null),
        new java.util.ArrayList<>(((Map<?, ?>) p.get("OPTS")).values()));
    assertEquals(-5L, p.get("NEG"));
    assertEquals(Map.of("batch", 32L, "drop", 0.5, "seed", 42L), p.get("TrainConfig"));
    assertEquals(42L, ParamsFiles.lookup(p, "TrainConfig.seed"));
  }

  @Test
  void malformedFilesAreNamed() {
    PipelineFileException yaml = assertThrows(PipelineFileException.class,
        () -> ParamsFiles.parse("a: [1\n".getBytes(StandardCharsets.UTF_8), "conf/params.yaml"));
    assertTrue(yaml.getMessage().startsWith("conf/params.yaml:"), yaml.getMessage());
    PipelineFileException json = assertThrows(PipelineFileException.class,
        () -> ParamsFiles.parse("{\"a\": 1,\n}".getBytes(StandardCharsets.UTF_8), "p.json"));
    assertTrue(json.getMessage().startsWith("p.json:2: invalid JSON"), json.getMessage());
    PipelineFileException list = assertThrows(PipelineFileException.class,
        () -> ParamsFiles.parse("- 1\n".getBytes(StandardCharsets.UTF_8), "p.yaml"));
    assertTrue(list.getMessage().contains("expected a dictionary"), list.getMessage());
  }

  @Test
  void valuesPrintAsPythonReprPrintsThem() {
    assertEquals("0.2", PythonRepr.str(0.20));
    assertEquals("1.0e-05", PythonRepr.yamlFloat(1e-5));
    assertEquals("[1, 'a', None, True, 0.1]", PythonRepr.repr(Arrays.asList(1L, "a", null, true, 0.1)));
  }
}
