package io.jdvc.pointer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * The loading that DVC's files share ({@code .dvc}, {@code dvc.yaml}, {@code dvc.lock}, params): strict UTF-8, and
 * a node tree with every scalar untyped (so an all-digit md5 stays text) and duplicate keys refused. Each caller
 * builds its own exception for a problem at a line, so messages read {@code file:line: problem} in its terms.
 */
public final class StrictYaml {
  /** Builds the exception for {@code problem} at a 1-based {@code line}. */
  @FunctionalInterface
  public interface Problems {
    RuntimeException at(int line, String problem);
  }

  private StrictYaml() {}

  /** Decodes strict UTF-8; malformed bytes are "not valid UTF-8" at line 1. */
  public static String utf8(byte[] bytes, Problems problems) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw problems.at(1, "not valid UTF-8");
    }
  }

  /** The node tree of a document (empty for an empty one); YAML errors are "invalid YAML: ..." at their line. */
  public static Optional<Node> compose(String text, String label, Problems problems) {
    try {
      LoadSettings settings = LoadSettings.builder()
          .setSchema(new FailsafeSchema())
          .setLabel(label)
          .setAllowDuplicateKeys(false)
          .build();
      return new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw problems.at(line, "invalid YAML: " + problem);
    } catch (YamlEngineException e) {
      throw problems.at(1, "invalid YAML: " + e.getMessage());
    }
  }

  /** The 1-based line a node starts on (1 if unknown). */
  public static int line(Node node) {
    return node.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }
}
