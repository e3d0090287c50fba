package io.jdvc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jdvc.object.Oid;
import io.jdvc.pointer.DvcFileCodec;
import io.jdvc.pointer.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportPointersTest {
  private static final String FOO = "acbd18db4cc2f85cedef654fccc4a4d8";

  /** DVC's tests/func/test_import_url.py::test_import_url_preserve_fields expects exactly this stage md5. */
  @Test
  void stageMd5IsDvcsForItsOwnImportUrlFixture() {
    Map<String, Object> dep = new LinkedHashMap<>();
    dep.put("path", "foo");
    dep.put("md5", FOO);
    dep.put("size", 3L);
    dep.put("hash", "md5");
    Output out = Output.of("bar", Oid.parse(FOO), 3L, null);
    assertEquals("8fc199641730e3f512deac0bd9a0e0b6", ImportPointers.stageMd5(List.of(dep), out));
  }

  @Test
  void importPointerHasDvcsKeysInDvcsOrder() {
    String revLock = "0123456789abcdef0123456789abcdef01234567";
    var pointer = ImportPointers.create(new ImportPointers.Source("data/foo", "../registry", null, revLock),
        Output.of("foo", Oid.parse(FOO), 3L, null));
    String text = new DvcFileCodec().write(pointer);
    assertEquals("md5: " + pointer.md5() + "\nfrozen: true\ndeps:\n- path: data/foo\n  repo:\n    url: ../registry\n"
        + "    rev_lock: " + revLock + "\nouts:\n- md5: " + FOO + "\n  size: 3\n  hash: md5\n  path: foo\n", text);
    assertEquals(pointer, new DvcFileCodec().parse(text, "foo.dvc"), "it reads back as written");
  }
}
