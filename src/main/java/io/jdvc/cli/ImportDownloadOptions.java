package io.jdvc.cli;

import picocli.CommandLine.Option;

/** The download options import and update share. */
final class ImportDownloadOptions {
  @Option(names = "--no-download", description = "Write the .dvc file only; 'jdvc pull' downloads the data later.")
  boolean noDownload;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel downloads.")
  Integer jobs;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  /** {@code -j}, capped at what a remote serves; null when not given. */
  Integer cappedJobs() {
    return jobs == null ? null : Math.min(jobs, io.jdvc.remote.Remote.MAX_JOBS);
  }
}
