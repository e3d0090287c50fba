package io.jdvc.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.binary.Hex;

/** MD5 digests as DVC writes them: 32 lower-case hex digits. */
public final class Md5 {
  private Md5() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide MD5", e);
    }
  }

  public static String hex(MessageDigest digest) {
    return Hex.encodeHexString(digest.digest());
  }

  public static String hex(byte[] content) {
    MessageDigest d = newDigest();
    d.update(content);
    return hex(d);
  }
}
