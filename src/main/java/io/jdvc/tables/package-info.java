/**
 * Data quality on versioned tables: what is inside the tracked files. A table is a file, a tracked directory, or a
 * glob over files, at a revision ({@code PATH@REV}) or in the workspace; its bytes come from the workspace, the cache,
 * or the remote. Profiles are cached by the object's MD5, so they are computed once per content, ever.
 *
 * <p>The only package that uses DuckDB (and {@code java.sql}), and only through {@link io.jdvc.tables.TableEngine},
 * created on first need: cached profiles, schema and drift comparisons between cached profiles, and the catalog never
 * start it, and no other command loads it at all.
 *
 * <p>Allowed dependencies: history, workspace, transfer, git, remote, cache, hash, manifest, pointer, repo, object.
 */
package io.jdvc.tables;
