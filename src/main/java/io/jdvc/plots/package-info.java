/**
 * Plots as DVC declares them in {@code dvc.yaml} (top-level {@code plots:} and stage {@code plots:}), their data at
 * each revision ({@link io.jdvc.plots.PlotCollector}), and one self-contained HTML page of inline SVG charts drawn
 * here ({@link io.jdvc.plots.SvgChart}, {@link io.jdvc.plots.HtmlReport}): it opens offline, with no script and no
 * network fetch.
 */
package io.jdvc.plots;
