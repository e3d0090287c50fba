/**
 * An S3 bucket prefix as a remote, on AWS or any S3-compatible server. The only package that imports the AWS SDK.
 * {@link io.jdvc.remote.s3.S3Settings} parses DVC's S3 config keys; {@link io.jdvc.remote.s3.S3Remote} maps the
 * Remote contract onto HEAD, prefix listings, PutObject and multipart uploads, and SDK errors onto jdvc's.
 */
package io.jdvc.remote.s3;
