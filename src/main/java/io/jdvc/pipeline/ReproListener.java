package io.jdvc.pipeline;

/** What {@code repro} tells the user while it works; the CLI prints DVC's words. The core never prints. */
public interface ReproListener {
  /** Nothing of the stage changed. */
  void unchanged(String address);

  /** The stage is about to run; its commands follow through {@link #command}. */
  void running(String address);

  /** One command of the running stage, before it runs (or instead, in a dry run). */
  void command(String command);

  /** The run cache had the outputs of this exact run: they were checked out instead. */
  void restored(String address);

  /** The stage's only change is missing data: it is about to be fetched instead of running it ({@code --pull}). */
  void pulling(String address);

  /** The pull {@link #pulling} announced could not bring the data; the stage runs instead. */
  void unableToPull(String address);

  /** A frozen stage whose outputs changed: they are recorded, the command is not run. */
  void verifying(String address);

  void warning(String message);

  ReproListener NONE = new ReproListener() {
    @Override public void unchanged(String address) {}
    @Override public void running(String address) {}
    @Override public void command(String command) {}
    @Override public void restored(String address) {}
    @Override public void pulling(String address) {}
    @Override public void unableToPull(String address) {}
    @Override public void verifying(String address) {}
    @Override public void warning(String message) {}
  };
}
