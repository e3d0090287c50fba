/**
 * jdvc: data version control for Git and S3-compatible object stores, on-disk compatible with DVC 3.x.
 * This root package holds only the cross-cutting types: {@link io.jdvc.JdvcException} and
 * {@link io.jdvc.ProgressListener}. Start at {@link io.jdvc.api.Jdvc} to use jdvc as a library.
 */
package io.jdvc;
