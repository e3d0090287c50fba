/** Bounded parallelism: {@link io.jdvc.concurrent.BoundedExecutor} is the only class that creates threads. */
package io.jdvc.concurrent;
