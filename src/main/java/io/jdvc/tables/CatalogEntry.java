package io.jdvc.tables;

import io.jdvc.git.RevisionRef;
import java.util.List;

/**
 * One tracked output in the catalog.
 *
 * @param pointer the {@code .dvc} file, {@code dvc.lock} or {@code dvc.yaml} that records or declares it
 * @param stage the stage that produces it, or null for a {@code .dvc} file or an artifact no stage produces
 * @param meta the output's {@code meta} as plain values (maps, lists, strings, numbers, booleans), or null
 * @param artifact its name under {@code artifacts:} in {@code dvc.yaml}, or null
 * @param lastCommit the last commit that changed its pointer, or null if unknown
 * @param onRemote whether the default remote holds its object; null when not asked or no remote is configured
 * @param rows rows of the table, when every file of it has a cached profile; else null
 * @param columns columns of the table, likewise
 */
public record CatalogEntry(String path, String pointer, String stage, String md5, Long size, Long nfiles,
    String desc, String type, List<String> labels, Object meta, String artifact, RevisionRef lastCommit, Boolean onRemote, Long rows,
    Integer columns) {}
