/**
 * DVC {@code .dvc} pointer files: the small YAML documents, committed to Git, that name the data a workspace path
 * should hold ({@link io.jdvc.pointer.DvcFile}, {@link io.jdvc.pointer.Output}). {@link io.jdvc.pointer.DvcFileCodec}
 * reads them with DVC's strict schema and YAML 1.2 rules and writes them byte-identical to DVC 3.x (ruamel.yaml), so
 * a file jdvc rewrites without a content change produces no Git diff. Depends only on {@code io.jdvc.object}.
 */
package io.jdvc.pointer;
