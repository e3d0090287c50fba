/**
 * Remotes: stores of content-addressed objects besides the local cache, laid out exactly as DVC lays them out.
 * {@link io.jdvc.remote.Remote} is the contract (thread safety, idempotency, not-found behaviour);
 * {@link io.jdvc.remote.Remotes} picks an implementation from a {@code .dvc/config} remote section by URL scheme.
 * Whole-remote failures are {@link io.jdvc.remote.RemoteUnavailableException}; per-object ones are IOExceptions.
 */
package io.jdvc.remote;
