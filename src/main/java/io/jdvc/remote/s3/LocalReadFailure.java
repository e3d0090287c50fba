package io.jdvc.remote.s3;

/**
 * Carries a reader's own failure (the local disk, not the network) out of an SDK call unretried; see
 * {@link BodyReads} and {@link TransientFailures}.
 */
final class LocalReadFailure extends RuntimeException {
  LocalReadFailure(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
