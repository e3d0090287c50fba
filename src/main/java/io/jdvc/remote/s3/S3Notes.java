package io.jdvc.remote.s3;

import io.jdvc.remote.Remote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.DigestUtils;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link Remote#putNote notes} as small objects under {@code prefix/.jdvc/notes/}. */
final class S3Notes {
  private final S3Client s3;
  private final S3Settings settings;
  private final S3Errors errors;

  S3Notes(S3Client s3, S3Settings settings, S3Errors errors) {
    this.s3 = s3;
    this.settings = settings;
    this.errors = errors;
  }

  void put(String name, String text) throws IOException {
    try {
      TransientFailures.sendingBody(() -> s3.putObject(b -> b.bucket(settings.bucket()).key(key(name)),
          RequestBody.fromString(text, StandardCharsets.UTF_8)));
    } catch (SdkException e) {
      if (!(e instanceof AwsServiceException)) {
        askWithoutABody();
      }
      throw errors.translate(e, "write note " + name, null);
    }
  }

  /**
   * A push writes its note before any other request. With a wrong key, a server may answer 403 and close while
   * the note's body is still being sent, so every attempt ends in a broken connection instead of the 403. A
   * bodiless request then gets the answer itself: its failure (bad credentials, no such bucket) is the one
   * reported; if it succeeds, the network error stands.
   */
  private void askWithoutABody() throws IOException {
    try {
      s3.headBucket(b -> b.bucket(settings.bucket()));
    } catch (AwsServiceException refused) {
      if (refused.statusCode() == 404) {
        throw errors.missingBucket(refused);
      }
      throw errors.translate(refused, "check bucket", null);
    } catch (SdkException ignored) {
      // the network again: the caller reports its own failure
    }
  }

  Map<String, String> all() throws IOException {
    String prefix = key("");
    Map<String, String> notes = new TreeMap<>();
    try {
      for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(prefix))) {
        for (S3Object o : page.contents()) {
          String name = o.key().substring(prefix.length());
          try {
            notes.put(name, s3.getObject(b -> b.bucket(settings.bucket()).key(o.key()), (response, in) -> {
              byte[] bytes = in.readAllBytes();
              // a note decides whether gc may delete: one damaged on the way is read again (an IOException
              // thrown here is retried by the SDK), never taken as it came
              String etag = response.eTag() == null ? "" : response.eTag().replace("\"", "");
              if (etag.matches("[0-9a-f]{32}") && !etag.equals(DigestUtils.md5Hex(bytes))) {
                throw new IOException("note " + name + " arrived damaged");
              }
              return new String(bytes, StandardCharsets.UTF_8);
            }));
          } catch (NoSuchKeyException gone) {
            // deleted while we listed: its activity ended
          }
        }
      }
    } catch (SdkException e) {
      throw errors.translate(e, "read notes", null);
    }
    return notes;
  }

  void delete(String name) throws IOException {
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(key(name)));
    } catch (NoSuchKeyException e) {
      // gone already
    } catch (SdkException e) {
      throw errors.translate(e, "delete note " + name, null);
    }
  }

  private String key(String name) {
    return settings.keyOf(Remote.NOTES + name);
  }
}
