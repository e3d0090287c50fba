/**
 * The DVC repository's own files under {@code .dvc/}. So far: {@link io.jdvc.repo.ConfigFile}, one level of DVC's
 * ConfigObj INI configuration, read and written byte-compatible with DVC.
 */
package io.jdvc.repo;
