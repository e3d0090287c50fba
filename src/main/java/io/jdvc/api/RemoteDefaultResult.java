package io.jdvc.api;

/** The default remote after the operation (null if none), and whether a config file changed. */
public record RemoteDefaultResult(String name, boolean changed) {}
