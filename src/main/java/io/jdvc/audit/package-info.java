/**
 * Audits: is the data a revision names still retrievable, and intact? Checks every object against the local cache
 * and remotes without downloading (presence by HEAD, integrity from single-part S3 ETags), or by streaming and
 * re-hashing everything ({@code deep}), and keeps the SHA-256 record that makes tampering evident beyond MD5.
 * Returns findings; deciding exit codes and rendering belong to the CLI.
 *
 * <p>Allowed dependencies: history, git, remote, cache, pointer, manifest, hash, object, concurrent.
 */
package io.jdvc.audit;
