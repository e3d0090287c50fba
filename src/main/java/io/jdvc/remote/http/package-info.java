/**
 * DVC's {@code http}/{@code https} remote: the same {@code files/md5/ab/cdef...} layout under a URL, read with GET and
 * HEAD and written with the upload method DVC's {@code method} option names. Uses only the JDK's
 * {@link java.net.http.HttpClient}.
 */
package io.jdvc.remote.http;
