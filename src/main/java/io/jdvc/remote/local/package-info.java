/**
 * A directory as a remote ({@code /path} or {@code file:///path}): the same layout as an S3 remote, written with
 * temp-file-and-rename so readers never see partial objects.
 */
package io.jdvc.remote.local;
