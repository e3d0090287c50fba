/**
 * Content hashing as DVC defines it: plain MD5 for 3.x outputs, md5-dos2unix for legacy 2.x ones
 * ({@link io.jdvc.hash.FileHasher}), and the {@link io.jdvc.hash.StateCache} that remembers hashes by
 * (inode, mtime, size) so unchanged files are never read twice.
 */
package io.jdvc.hash;
