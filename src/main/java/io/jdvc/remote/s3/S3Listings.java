package io.jdvc.remote.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Listings of a prefix of the remote, page by page, with keys made relative to the remote's root. */
final class S3Listings {
  private final S3Client s3;
  private final S3Settings settings;
  private final S3Errors errors;

  S3Listings(S3Client s3, S3Settings settings, S3Errors errors) {
    this.s3 = s3;
    this.settings = settings;
    this.errors = errors;
  }

  /** Calls sink with the remote-relative key of every object under {@code relPrefix}, page by page. */
  void relative(String relPrefix, Consumer<String> sink) throws IOException {
    objects(relPrefix, (relKey, o) -> sink.accept(relKey));
  }

  /** Calls sink with the remote-relative key and listing entry of every object under {@code relPrefix}. */
  void objects(String relPrefix, java.util.function.BiConsumer<String, S3Object> sink)
      throws IOException {
    String root = settings.keyOf("");
    ListObjectsV2Request req = ListObjectsV2Request.builder()
        .bucket(settings.bucket())
        .prefix(settings.keyOf(relPrefix))
        .maxKeys(S3Remote.LIST_PAGE)
        .build();
    try {
      for (ListObjectsV2Response page : s3.listObjectsV2Paginator(req)) {
        for (S3Object o : page.contents()) {
          sink.accept(o.key().substring(root.length()), o);
        }
      }
    } catch (SdkException e) {
      throw errors.translate(e, "list " + relPrefix, null);
    }
  }

  /** The sub-"directories" directly under {@code relPrefix}, relative to the remote root, each ending in '/'. */
  List<String> children(String relPrefix) throws IOException {
    String root = settings.keyOf("");
    ListObjectsV2Request req = ListObjectsV2Request.builder()
        .bucket(settings.bucket())
        .prefix(settings.keyOf(relPrefix))
        .delimiter("/")
        .maxKeys(S3Remote.LIST_PAGE)
        .build();
    List<String> children = new ArrayList<>();
    try {
      for (ListObjectsV2Response page : s3.listObjectsV2Paginator(req)) {
        for (CommonPrefix p : page.commonPrefixes()) {
          children.add(p.prefix().substring(root.length()));
        }
      }
    } catch (SdkException e) {
      throw errors.translate(e, "list " + relPrefix, null);
    }
    return children;
  }
}
