package io.jdvc.remote.s3;

import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * Refuses an object's response head that a broken connection cut short. The JDK's HTTP client takes a connection
 * reset in the middle of the header lines as their end, so a HEAD could "succeed" without its Content-Length
 * or ETag, and an object would look empty or unverifiable. S3 sends both on every successful HEAD and GET of an
 * object; one without them is thrown as an I/O failure, inside the attempt, where the retry strategy sees it.
 */
final class ResponseHeadCheck implements ExecutionInterceptor {
  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    boolean object = context.request() instanceof HeadObjectRequest || context.request() instanceof GetObjectRequest;
    if (!object || !context.httpResponse().isSuccessful()) {
      return;
    }
    for (String header : new String[] {"Content-Length", "ETag"}) {
      if (context.httpResponse().firstMatchingHeader(header).isEmpty()) {
        // an SdkClientException, as the SDK's own failures are: only those reach the retry strategy
        throw SdkClientException.create("response head cut short: no " + header,
            new IOException("response head cut short: no " + header));
      }
    }
  }
}
