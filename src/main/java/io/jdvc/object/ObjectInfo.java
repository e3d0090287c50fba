package io.jdvc.object;

/**
 * What a store knows about an object without reading it: its size, and, where the store can vouch for it, the
 * MD5 of its bytes (an S3 single-part ETag is the MD5; a multipart ETag is not, so md5 is null then).
 */
public record ObjectInfo(long size, String md5) {
  public boolean hasMd5() {
    return md5 != null;
  }
}
