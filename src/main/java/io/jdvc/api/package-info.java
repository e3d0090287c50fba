/**
 * The library surface: {@link io.jdvc.api.Jdvc} opens a repository and hands out one operation per command
 * (configured by setters, run by {@code call()}, returning a result record). The CLI is a thin layer over this.
 */
package io.jdvc.api;
