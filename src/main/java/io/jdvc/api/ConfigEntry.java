package io.jdvc.api;

import io.jdvc.repo.ConfigLevel;

/**
 * One config option.
 *
 * @param key dotted, as {@code jdvc config} takes it ({@code remote.myremote.url})
 * @param value the stored string; null for a credential ({@code secret}) or after an unset
 * @param level the file it comes from (or was written to)
 * @param secret a credential, whose value jdvc never shows
 */
public record ConfigEntry(String key, String value, ConfigLevel level, boolean secret) {}
