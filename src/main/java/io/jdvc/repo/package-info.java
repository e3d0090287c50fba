/**
 * A DVC repository on disk: its {@code .dvc/} layout ({@link io.jdvc.repo.RepoLayout}), configuration in DVC's
 * INI format ({@link io.jdvc.repo.ConfigFile}, {@link io.jdvc.repo.RepoConfig}) and the lock that keeps two
 * jdvc processes from writing at once ({@link io.jdvc.repo.RepoLock}).
 */
package io.jdvc.repo;
