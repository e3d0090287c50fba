package io.jdvc.tables;

import io.jdvc.object.Oid;

/** One file of a table: its repo-relative path and the MD5 of its content (the key of its profile). */
public record TableFile(String repoPath, Oid oid) {}
