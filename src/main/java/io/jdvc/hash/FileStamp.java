package io.jdvc.hash;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What says a file is unchanged without reading it: size, mtime and a hash of its device and inode (a replaced
 * file has a new inode even with equal mtime and size). Three numbers instead of the JDK's attribute object,
 * so that a million-file walk stays small in memory.
 */
public record FileStamp(long size, long mtimeNanos, int fileKey) {
  public static FileStamp of(BasicFileAttributes attrs) {
    Object key = attrs.fileKey();
    return new FileStamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        key == null ? 0 : key.hashCode());
  }
}
