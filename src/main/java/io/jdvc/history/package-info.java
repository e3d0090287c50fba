/**
 * Data across Git history: which outputs a revision records (every {@code .dvc} file and {@code dvc.lock} read from
 * its Git tree, never from the work tree), the objects they reference once {@code .dir} manifests are expanded, and
 * how two such sets differ. The model behind {@code diff}, {@code log}, {@code which}, {@code gc} and {@code audit},
 * as git-lfs's gitscanner is for LFS pointers. Reads only; deleting and reporting belong to the callers.
 *
 * <p>Allowed dependencies: git, pointer, manifest, cache, remote, repo (layout names only), hash, object. The
 * audit package depends on this one (a new arrow: audit→history).
 */
package io.jdvc.history;
