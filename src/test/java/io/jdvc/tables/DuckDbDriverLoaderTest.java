package io.jdvc.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's native library is unpacked once into the cache and loaded from there on every later run. */
class DuckDbDriverLoaderTest {
  @TempDir Path tmp;

  private static Path duckDbJar() throws Exception {
    URL cls = DuckDbDriverLoaderTest.class.getClassLoader().getResource("org/duckdb/DuckDBDriver.class");
    return Path.of(((JarURLConnection) cls.openConnection()).getJarFileURL().toURI());
  }

  @Test
  void theLibraryIsUnpackedOnceWhole() throws Exception {
    Path jar = duckDbJar();
    String resource = DuckDbDriverLoader.nativeResourceName();
    long size;
    try (JarFile jf = new JarFile(jar.toFile())) {
      assertNotNull(jf.getJarEntry(resource), "the driver jar holds " + resource + " for this platform");
      size = jf.getJarEntry(resource).getSize();
    }
    Path lib = DuckDbDriverLoader.cachedLibrary(tmp, jar, resource);
    assertEquals(size, Files.size(lib));
    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(lib, written);
    assertEquals(lib, DuckDbDriverLoader.cachedLibrary(tmp, jar, resource));
    assertEquals(written, Files.getLastModifiedTime(lib), "a complete copy is reused, not written again");
    try (Stream<Path> s = Files.list(lib.getParent())) {
      assertEquals(List.of(lib), s.toList(), "no temp file left beside it");
    }
  }

  @Test
  void aTruncatedCopyIsReplaced() throws Exception {
    Path jar = duckDbJar();
    String resource = DuckDbDriverLoader.nativeResourceName();
    Path lib = DuckDbDriverLoader.cachedLibrary(tmp, jar, resource);
    long size = Files.size(lib);
    Files.write(lib, new byte[] {1, 2, 3});
    assertEquals(size, Files.size(DuckDbDriverLoader.cachedLibrary(tmp, jar, resource)));
  }

  @Test
  void everyDriverOfTheProcessRunsQueries() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertEquals(42, answer(DuckDbDriverLoader.newDriver()));
    }
  }

  private static int answer(Driver driver) throws Exception {
    try (Connection c = driver.connect("jdbc:duckdb:", new java.util.Properties());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }
}
