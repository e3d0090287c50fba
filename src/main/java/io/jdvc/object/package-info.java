/**
 * Content-addressed object ids ({@link io.jdvc.object.Oid}) and the one layout that maps them to cache paths and
 * remote keys ({@link io.jdvc.object.ObjectLayout}). Depends on nothing else in jdvc.
 */
package io.jdvc.object;
