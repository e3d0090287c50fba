/**
 * DVC directory manifests: the {@code <md5>.dir} objects that list every file of a tracked directory as
 * {@code (relpath, md5)} ({@link io.jdvc.manifest.DirManifest}, {@link io.jdvc.manifest.DirEntry}).
 * {@link io.jdvc.manifest.DirManifestCodec} writes them byte-identical to Python's {@code json.dumps(sort_keys=True)},
 * so a directory hashes to the same oid as in DVC, and refuses manifests whose paths could escape the directory.
 * Depends only on {@code io.jdvc.object}.
 */
package io.jdvc.manifest;
