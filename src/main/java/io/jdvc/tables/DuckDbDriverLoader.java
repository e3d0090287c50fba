package io.jdvc.tables;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Driver;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads DuckDB's JDBC driver so that its native library is unpacked once per user, not on every run. The driver
 * looks for {@code /libduckdb_java.so_<os>_<arch>} in its own jar and, when found, inflates all ~70 MB of it into
 * a new temp file before each load (about 0.4 s of CPU here, as much as profiling a small table). This loader
 * reads the driver's classes from the same jar, hides that resource, and answers the driver's fallback
 * {@code System.loadLibrary("duckdb_java")} with a copy kept in the user's cache directory, keyed by the jar
 * entry's size and CRC, written to a temp name and renamed. When there is no writable cache directory, the
 * driver loads as it always did. DuckDB's classes do not see JFR (see {@link #loadClass}).
 */
final class DuckDbDriverLoader extends URLClassLoader {
  private static final String DRIVER = "org.duckdb.DuckDBDriver";

  private final String hiddenResource;
  private final Path library;

  private DuckDbDriverLoader(URL jar, ClassLoader parent, String hiddenResource, Path library) {
    super(new URL[] {jar}, parent);
    this.hiddenResource = hiddenResource;
    this.library = library;
  }

  /** One loader per JVM: a native library can be loaded by one class loader only. */
  private static Class<?> driverClass;

  /** A new driver instance, from the per-user native library copy where one can be kept. */
  static synchronized Driver newDriver() throws ReflectiveOperationException {
    if (driverClass == null) {
      driverClass = loadDriverClass();
    }
    return (Driver) driverClass.getDeclaredConstructor().newInstance();
  }

  private static Class<?> loadDriverClass() throws ClassNotFoundException {
    ClassLoader app = DuckDbDriverLoader.class.getClassLoader();
    ClassLoader loader = app;
    try {
      URL driverClass = app.getResource(DRIVER.replace('.', '/') + ".class");
      if (driverClass != null && "jar".equals(driverClass.getProtocol())) {
        URL jarUrl = ((JarURLConnection) driverClass.openConnection()).getJarFileURL();
        String resource = nativeResourceName();
        Path cacheRoot = userCacheDir();
        Path library = cacheRoot == null ? null : cachedLibrary(cacheRoot, Path.of(jarUrl.toURI()), resource);
        if (library != null) {
          loader = new DuckDbDriverLoader(jarUrl, app, resource, library);
        }
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      loader = app; // no cache: the driver unpacks its library itself, as it would without this class
    }
    return Class.forName(DRIVER, true, loader);
  }

  /** The jar entry DuckDB's own loader looks for on this platform (its naming: os and arch as it spells them). */
  static String nativeResourceName() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : "linux";
    String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
    String archName = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    return "libduckdb_java.so_" + osName + "_" + archName;
  }

  /** The copy of {@code resource} from {@code jar} under {@code cacheRoot}, unpacked now if missing; null if none. */
  static Path cachedLibrary(Path cacheRoot, Path jar, String resource) throws IOException {
    try (JarFile jf = new JarFile(jar.toFile(), false)) {
      JarEntry entry = jf.getJarEntry(resource);
      if (entry == null || entry.getSize() < 0) {
        return null;
      }
      Path dir = cacheRoot.resolve("jdvc").resolve("duckdb")
          .resolve(entry.getSize() + "-" + Long.toHexString(entry.getCrc()));
      Path lib = dir.resolve(System.mapLibraryName("duckdb_java"));
      if (Files.isRegularFile(lib) && Files.size(lib) == entry.getSize()) {
        return lib;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".duckdb_java", ".tmp");
      try (InputStream in = jf.getInputStream(entry)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return lib;
    }
  }

  private static Path userCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg);
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache");
  }

  /** DuckDB's classes come from this loader, not the parent, so that they see the hidden resource and library. */
  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith("jdk.jfr.")) {
      // The driver's class initializer registers a periodic JFR event for its opt-in memory monitor (used only with
      // the jdbc_jfr_memory_monitor option, which jdvc never sets): ~55 ms of JFR set-up on every start. Without JFR
      // in sight it skips that (and logs so at FINE).
      throw new ClassNotFoundException(name);
    }
    if (!name.startsWith("org.duckdb.")) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  public URL getResource(String name) {
    String plain = name.startsWith("/") ? name.substring(1) : name;
    return plain.equals(hiddenResource) ? null : super.getResource(name);
  }

  @Override
  protected String findLibrary(String libname) {
    return libname.equals("duckdb_java") ? library.toString() : super.findLibrary(libname);
  }
}
