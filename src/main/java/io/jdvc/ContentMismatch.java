package io.jdvc;

/**
 * Marks exceptions that say "these bytes do not hash to their name". When such bytes came over a network they
 * may have been damaged on the way, so a remote's {@code read} takes one thrown by its reader as a reason to
 * read the object again (see {@code io.jdvc.remote.Remote#read}); only a copy damaged at its source fails every
 * attempt.
 */
public interface ContentMismatch {}
