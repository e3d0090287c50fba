package io.jdvc.api;

import io.jdvc.repo.ConfigLevel;
import java.nio.file.Path;

/** A remote just added: its (lower-cased) name, the url as stored, where, and whether it became the default. */
public record RemoteAddResult(String name, String url, ConfigLevel level, Path configFile, boolean isDefault) {}
