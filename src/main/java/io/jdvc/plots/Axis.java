package io.jdvc.plots;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric axis: the data range widened to "nice" tick values (steps of 1, 2 or 5 times a power of ten), and the
 * mapping from values to pixels.
 */
final class Axis {
  final double min;
  final double max;
  final double step;
  private final double from;
  private final double to;

  Axis(double dataMin, double dataMax, double fromPixel, double toPixel, boolean fromZero) {
    double lo = fromZero ? Math.min(0, dataMin) : dataMin;
    double hi = fromZero ? Math.max(0, dataMax) : dataMax;
    if (!(hi > lo)) { // one value (or none): give it room around it
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double raw = (hi - lo) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double residual = raw / magnitude;
    step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
    min = Math.floor(lo / step) * step;
    max = Math.ceil(hi / step) * step;
    from = fromPixel;
    to = toPixel;
  }

  double pixel(double v) {
    return from + (v - min) / (max - min) * (to - from);
  }

  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; min + i * step <= max + step / 1e6; i++) {
      ticks.add(min + i * step);
    }
    return ticks;
  }

  /** A tick label: as few digits as the step needs ({@code 0.25}, {@code 1000}, {@code 1e-06}). */
  String label(double v) {
    if (Math.abs(v) < step / 1e6) {
      return "0";
    }
    if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4) {
      return String.format(java.util.Locale.US, "%.3g", v);
    }
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
        .toPlainString();
  }
}
