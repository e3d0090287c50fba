package io.jdvc.tables;

import io.jdvc.JdvcException;
import io.jdvc.git.GitRepo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The data commands' entry point: profiles, schemas, diffs and checks of tables in a repository. Starts the engine
 * only when a profile is missing from the cache or a question needs the rows themselves. Not thread-safe; close it
 * to stop the engine and delete downloaded objects.
 */
public final class DataQuality implements AutoCloseable {
  /** DuckDB's memory limit unless {@code JDVC_DATA_MEMORY} says otherwise; beyond it, queries spill to disk. */
  static final String DEFAULT_MEMORY = "2GB";

  private final TableContext ctx;
  private final TableResolver resolver;
  private final ObjectFiles objects;
  private final ProfileStore store;
  private TableEngine engine;
  /** The engine being started on a thread of its own while this one reads Git and the profiles; null if not. */
  private java.util.concurrent.FutureTask<TableEngine> starting;
  private boolean useCache = true;
  private boolean sharedUnreachable;
  private ReadOptions readOptions = ReadOptions.NONE;

  public DataQuality(TableContext ctx) {
    this.ctx = ctx;
    this.resolver = new TableResolver(ctx);
    this.objects = new ObjectFiles(ctx);
    this.store = new ProfileStore(ctx.jdvcTmp().resolve("profiles"));
  }

  /** Whether to read and write the profile cache (default true); false recomputes every profile. */
  public DataQuality useCache(boolean value) {
    this.useCache = value;
    return this;
  }

  /** How the CSV and TSV tables this instance resolves are parsed (default: DuckDB's sniffer decides). */
  public DataQuality readOptions(ReadOptions value) {
    this.readOptions = value;
    return this;
  }

  public ProfileStore profileStore() {
    return store;
  }

  /** Finds a table's files: {@code PATH[@REV]}. */
  public ResolvedTable resolve(String spec) throws IOException {
    return withReadOptions(resolver.resolve(spec));
  }

  public ResolvedTable resolve(String path, String rev) throws IOException {
    return withReadOptions(resolver.resolve(path, rev));
  }

  private ResolvedTable withReadOptions(ResolvedTable t) {
    return readOptions.isEmpty() ? t : t.withOptions(readOptions);
  }

  public ProfileResult profile(String spec) throws IOException {
    return profile(resolve(spec));
  }

  /** The table's profile, merged from its files' profiles (cached ones reused, missing ones computed and cached). */
  public ProfileResult profile(ResolvedTable table) throws IOException {
    List<TableProfile> parts = new ArrayList<>();
    int computed = 0;
    for (TableFile f : table.files()) {
      TableProfile p = useCache ? cachedOrShared(f, table) : null;
      if (p == null) {
        startEngine(); // its start (~0.13 s: a 70 MB native library, then DuckDB) overlaps finding the files
        // through the codec: its rounding makes the profile the same on every run, cached or not
        LocalTable local = objects.local(table, List.of(f));
        p = ProfileCodec.decode(ProfileCodec.encode(engine().profile(local, f.oid().value())));
        computed++;
        if (useCache) {
          store.put(f.oid(), table.format(), table.options(), p);
        }
      }
      parts.add(p);
    }
    requireOneSchema(table, parts);
    TableProfile merged = parts.size() == 1 ? parts.get(0) : ProfileMerger.merge(parts);
    return new ProfileResult(table, merged, computed, parts.size() - computed);
  }

  /**
   * Compares two versions of a table. Schemas and drift come from the two profiles (cached ones cost no scan); rows
   * are compared by the engine only when asked.
   */
  public TableDiff diff(DiffRequest req) throws IOException {
    boolean rowsWanted = req.rows() || !req.key().isEmpty() || req.output() != null;
    if (rowsWanted && !req.schemaOnly()) {
      startEngine(); // its start overlaps resolving the revisions and reading the profiles
    }
    ResolvedTable before = resolve(req.path(), req.oldRev());
    ResolvedTable after = resolve(req.path(), req.newRev());
    if (req.schemaOnly()) {
      List<Column> a = schema(before);
      List<Column> b = schema(after);
      return new TableDiff(before, after, a, b, SchemaDiff.compare(a, b, null, null), null, null, List.of(), false,
          null, req.key());
    }
    TableProfile a = profile(before).profile();
    TableProfile b = profile(after).profile();
    List<ColumnDrift> drift = DriftAnalysis.compare(a, b, req.test(), req.threshold());
    RowDiff rows = null;
    if (rowsWanted) {
      LocalTable a1 = local(before);
      LocalTable b1 = local(after);
      rows = engine().rowDiff(a1, b1, req.key(), req.output());
    }
    return new TableDiff(before, after, a.schema(), b.schema(), SchemaDiff.compare(a.schema(), b.schema(), a, b),
        a.rows(), b.rows(), drift, DriftAnalysis.datasetDrift(drift), rows, req.key());
  }

  /**
   * Runs a checks file.
   *
   * @param only the sections to run (their {@code checks for} paths); empty for all
   * @param rev the revision whose data is checked, or null for the workspace
   * @param baseline the reference of distribution checks, or null for each table's previous version
   * @param now the time freshness is measured at
   */
  public CheckReport check(java.nio.file.Path checksFile, List<String> only, String rev, String baseline,
      java.time.Instant now) throws IOException {
    return new CheckRunner(this, rev, baseline, now).run(ChecksFile.read(checksFile), only);
  }

  /**
   * The versions of a table along the first-parent history of {@code rev}, newest first, each with the metrics
   * ({@code row_count}, {@code missing_percent(label)}, {@code avg(amount)} ...) read from its profile.
   */
  public List<TableVersion> log(String path, String rev, int max, List<String> metrics) throws IOException {
    List<TableVersion> out = new ArrayList<>();
    ResolvedTable head = resolve(path, rev);
    for (TableResolver.Version v : resolver.versions(path, rev, max)) {
      ResolvedTable t = head.version(v.commit().shortId(), v.commit().commitId(), v.files());
      TableProfile p = profile(t).profile();
      java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
      java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
      for (String m : metrics) {
        java.util.regex.Matcher mm = java.util.regex.Pattern.compile("\\s*([a-z_]+)\\s*(?:\\(([^)]*)\\))?\\s*")
            .matcher(m);
        try {
          if (!mm.matches()) {
            throw new JdvcException("'" + m + "' is not a metric", "write e.g. row_count or missing_percent(label)");
          }
          List<String> cols = mm.group(2) == null ? List.of() : List.of(mm.group(2).strip());
          values.put(m, ProfileMetrics.value(p, mm.group(1), cols, v.commit().commitTime()));
        } catch (JdvcException e) {
          values.put(m, Double.NaN);
          errors.put(m, e.getMessage());
        }
      }
      out.add(new TableVersion(v.commit(), p, values, errors));
    }
    return out;
  }

  /**
   * Every output {@code rev} tracks, with its description, last commit, presence on the default remote (when
   * {@code askRemote}) and, where profiled, its rows and columns. Never starts the engine.
   */
  public List<CatalogEntry> catalog(String rev, boolean askRemote) throws IOException {
    return new Catalog(ctx, store).entries(rev, askRemote);
  }

  /**
   * The outputs {@code commit} of {@code git} tracks with their {@code desc}, {@code type}, {@code labels} and
   * {@code meta}, and nothing that needs more than Git (no last commit, remote or profile): for listings of other
   * repositories.
   */
  public static List<CatalogEntry> describedOutputs(GitRepo git, String commit, Consumer<String> notices) {
    return Catalog.described(git, commit, notices);
  }

  /** {@link #catalog} of every output any commit tracks, each as the newest commit tracking it describes it. */
  public List<CatalogEntry> catalogAllCommits(boolean askRemote) throws IOException {
    return new Catalog(ctx, store).allCommits(askRemote);
  }

  /** A starting checks file for a table, from its profile. */
  public String suggest(String spec) throws IOException {
    ResolvedTable t = resolve(spec);
    return Suggester.suggest(t.path(), profile(t).profile());
  }

  /** When a revision was committed (for freshness measured "at commit"). */
  public java.time.Instant commitTime(String rev) {
    return ctx.git().get().orElseThrow(() -> new JdvcException("--at-commit needs Git", null))
        .ancestry(rev, 1).get(0).commitTime();
  }

  /** The local cached profile, else the remote's shared copy (then cached locally), else null. */
  private TableProfile cachedOrShared(TableFile f, ResolvedTable table) throws IOException {
    TableFormat format = table.format();
    java.util.Optional<TableProfile> local = store.get(f.oid(), format, table.options());
    if (local.isPresent()) {
      return local.get();
    }
    if (sharedUnreachable) {
      return null;
    }
    String key = ProfileStore.key(f.oid(), format, table.options());
    try {
      java.util.Optional<io.jdvc.remote.Remote> remote = objects.remote();
      if (remote.isPresent() && ProfileSharing.save(store, key, remote.get().getSideFile(
          ProfileSharing.remoteKey(key)).orElse(null))) {
        return store.get(f.oid(), format, table.options()).orElse(null);
      }
    } catch (IOException | JdvcException e) {
      sharedUnreachable = true; // computing locally still works; say so once
      if (e instanceof io.jdvc.remote.RemoteUnavailableException gone) {
        objects.unreachable(gone);
      }
      ctx.notices().accept("cannot read shared profiles from the default remote (" + e.getMessage()
          + "); profiling locally");
    }
    return null;
  }

  /** {@code push --profiles}: uploads the local profiles {@code remote} lacks; returns how many. */
  public int pushProfiles(io.jdvc.remote.Remote remote) throws IOException {
    return ProfileSharing.push(store, remote);
  }

  /** {@code pull --profiles}: downloads the shared profiles missing locally; returns how many. */
  public int pullProfiles(io.jdvc.remote.Remote remote) throws IOException {
    return ProfileSharing.pull(store, remote);
  }

  /** The columns: from a cached profile when there is one, else from the files (for Parquet, their footers). */
  public List<Column> schema(ResolvedTable table) throws IOException {
    List<List<Column>> schemas = new ArrayList<>();
    for (TableFile f : table.files()) {
      var cached = useCache ? store.get(f.oid(), table.format(), table.options())
          : java.util.Optional.<TableProfile>empty();
      schemas.add(cached.isPresent() ? cached.get().schema() : engine().schema(table.format() == TableFormat.PARQUET
          ? objects.footers(table, List.of(f)) : objects.local(table, List.of(f))));
    }
    for (int i = 1; i < schemas.size(); i++) {
      if (!schemas.get(i).equals(schemas.get(0))) {
        throw mixedSchemas(table, i);
      }
    }
    return schemas.get(0);
  }

  private static void requireOneSchema(ResolvedTable table, List<TableProfile> parts) {
    for (int i = 1; i < parts.size(); i++) {
      if (!parts.get(i).schema().equals(parts.get(0).schema())) {
        throw mixedSchemas(table, i);
      }
    }
  }

  private static JdvcException mixedSchemas(ResolvedTable table, int i) {
    return new JdvcException("the files of " + table.label() + " have different schemas: "
        + table.files().get(0).repoPath() + " and " + table.files().get(i).repoPath(),
        "name the files that belong together with a narrower glob, or compare them with 'jdvc data schema'");
  }

  /** All of a table's rows, as local files for the engine (downloaded when only the remote has them). */
  LocalTable local(ResolvedTable table) throws IOException {
    return objects.local(table, table.files());
  }

  TableEngine engine() {
    if (engine == null) {
      startEngine();
      engine = awaitEngine();
    }
    return engine;
  }

  /**
   * Starts the engine on a thread of its own, for a caller that will need it after work of its own (resolving
   * revisions, reading profiles): on two cores the two overlap. Only where the engine is certainly needed, since
   * the cached paths must never load it.
   */
  private void startEngine() {
    if (engine == null && starting == null) {
      String mem = System.getenv("JDVC_DATA_MEMORY");
      String limit = mem == null || mem.isBlank() ? DEFAULT_MEMORY : mem;
      starting = new java.util.concurrent.FutureTask<>(() -> TableEngine.open(ctx.jdvcTmp().resolve("duckdb"), limit));
      Thread t = new Thread(starting, "jdvc-engine-start");
      t.setDaemon(true);
      t.start();
    }
  }

  private TableEngine awaitEngine() {
    try {
      return starting.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JdvcException("interrupted while starting the table engine", "run the command again", e);
    } finally {
      starting = null;
    }
  }

  /** Whether this instance started the engine (for tests and benchmarks: cached paths must not). */
  public boolean engineStarted() {
    return engine != null || starting != null;
  }

  TableContext context() {
    return ctx;
  }

  TableResolver resolver() {
    return resolver;
  }

  @Override
  public void close() throws IOException {
    try {
      if (starting != null) { // started for a question that failed before it needed the engine
        try {
          engine = awaitEngine();
        } catch (RuntimeException e) {
          // it did not start: nothing to close
        }
      }
      if (engine != null) {
        engine.close();
      }
      resolver.close();
    } finally {
      objects.close();
    }
  }
}
