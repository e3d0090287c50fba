/**
 * The local object cache ({@link io.jdvc.cache.LocalCache}): content-addressed, read-only objects in DVC's
 * layout, written atomically and verified on the way in, and linked or copied out to the workspace.
 */
package io.jdvc.cache;
