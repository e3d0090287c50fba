package io.jdvc.api;

/**
 * The outcome of a gc.
 *
 * @param performed false for a dry run, an empty plan, or when the confirmation was declined
 * @param deletedLocal objects deleted from the cache
 * @param deletedRemote objects deleted from the remote
 * @param staleRemoteTemps temp files of killed uploads (older than a day) deleted from a directory remote
 */
public record GcResult(GcPlan plan, boolean dryRun, boolean performed, int deletedLocal, int deletedRemote,
    int staleRemoteTemps) {}
