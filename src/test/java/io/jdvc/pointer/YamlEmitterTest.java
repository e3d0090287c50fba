package io.jdvc.pointer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the emitter with ruamel.yaml 0.19.1 (DVC's emitter) on a corpus of tricky strings, recorded in
 * {@code testdata/yaml/ruamel-scalars.tsv}: quoting, escaping and line folding at column 80.
 */
class YamlEmitterTest {
  static Stream<Arguments> corpus() throws IOException, DecoderException {
    List<Arguments> cases = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("testdata/yaml/ruamel-scalars.tsv"))) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      cases.add(Arguments.of(utf8(f[0]), utf8(f[1]), utf8(f[2]), utf8(f[3]), utf8(f[4])));
    }
    return cases.stream();
  }

  private static String utf8(String hex) throws DecoderException {
    return new String(Hex.decodeHex(hex), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void matchesRuamelAtTopLevel(String value, String expectedTop, String expectedNested, String ruamelDesc, String ruamelLabel) {
    assertEquals(expectedTop, YamlEmitter.document(Map.of("desc", value)));
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void matchesRuamelInsideOutputs(String value, String expectedTop, String expectedNested, String ruamelDesc, String ruamelLabel) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", "p");
    out.put("desc", value);
    out.put("labels", List.of(value));
    assertEquals(expectedNested, YamlEmitter.document(Map.of("outs", List.of(out))));
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void readsRuamelOutputBackAsRuamelDoes(String value, String expectedTop, String expectedNested, String ruamelDesc, String ruamelLabel) {
    String yaml = expectedNested.replace("outs:\n- path: p\n", "outs:\n- path: p\n  hash: md5\n");
    Output o = new DvcFileCodec().parse(yaml, "t.dvc").outs().get(0);
    assertEquals(ruamelDesc, o.desc());
    assertEquals(List.of(ruamelLabel), o.labels());
  }
}
