/**
 * Git, seen from jdvc: the work tree that holds the small {@code *.dvc} pointer files, their history, and the
 * {@code .gitignore} entries that keep tracked data out of Git. {@link io.jdvc.git.GitRepo} stages, commits and
 * reads files at revisions; {@link io.jdvc.git.PointerHistory} lists the versions of one pointer across commits
 * (git-lfs {@code gitscanner}); {@link io.jdvc.git.GitIgnoreFile} edits DVC-style ignore entries. This is the only
 * package that imports JGit, and it never starts a {@code git} process.
 */
package io.jdvc.git;
