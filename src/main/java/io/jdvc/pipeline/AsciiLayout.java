package io.jdvc.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A layered drawing of one connected pipeline in the style of DVC's {@code dag} (boxes, {@code *} lines): each
 * node sits one layer below the lowest node it depends on; an edge that skips layers passes the layers between as
 * a vertical line in a column of its own, so no line crosses a box. Within a layer, nodes are ordered by the mean
 * position of their neighbours (a few sweeps down and up, ties kept in graph order) and then placed as close as
 * the layer's spacing allows to the mean centre of their neighbours. Everything is deterministic.
 */
final class AsciiLayout {
  private static final int GAP = 3;
  private static final int BOX_HEIGHT = 3;
  private static final int SWEEPS = 4;

  private final List<List<Cell>> layers = new ArrayList<>();

  private AsciiLayout() {}

  static String draw(Dag dag, Set<String> component) {
    AsciiLayout layout = new AsciiLayout();
    layout.build(dag, component);
    layout.order();
    layout.place();
    return layout.render();
  }

  /** A node's box, or one layer's piece of a line that spans several layers (no label). */
  private static final class Cell {
    final String label;
    final int layer;
    final int rank;
    final List<Cell> ups = new ArrayList<>();
    final List<Cell> downs = new ArrayList<>();
    double pos;
    int x;

    Cell(String label, int layer, int rank) {
      this.label = label;
      this.layer = layer;
      this.rank = rank;
    }

    int width() {
      return label == null ? 1 : label.length() + 4;
    }

    int center() {
      return x + width() / 2;
    }
  }

  private void build(Dag dag, Set<String> component) {
    Map<String, Cell> cells = new HashMap<>();
    int rank = 0;
    for (DagNode n : dag.topologicalOrder()) {
      if (!component.contains(n.name())) {
        continue;
      }
      int layer = 0;
      for (DagNode p : dag.parents(n.name())) {
        layer = Math.max(layer, cells.get(p.name()).layer + 1);
      }
      Cell c = add(new Cell(n.name(), layer, rank++));
      cells.put(n.name(), c);
      for (DagNode p : dag.parents(n.name())) {
        Cell from = cells.get(p.name());
        for (int l = from.layer + 1; l < layer; l++) {
          Cell through = add(new Cell(null, l, rank++));
          link(from, through);
          from = through;
        }
        link(from, c);
      }
    }
  }

  private Cell add(Cell c) {
    while (layers.size() <= c.layer) {
      layers.add(new ArrayList<>());
    }
    layers.get(c.layer).add(c);
    return c;
  }

  private static void link(Cell up, Cell down) {
    up.downs.add(down);
    down.ups.add(up);
  }

  // ------------------------------------------------------------------------------------------------ ordering

  private void order() {
    sortLayer(layers.get(0), c -> (double) c.rank);
    for (int l = 1; l < layers.size(); l++) {
      sortLayer(layers.get(l), c -> meanPos(c.ups, c.pos));
    }
    for (int i = 0; i < SWEEPS; i++) {
      for (int l = layers.size() - 2; l >= 0; l--) {
        sortLayer(layers.get(l), c -> meanPos(c.downs, c.pos));
      }
      for (int l = 1; l < layers.size(); l++) {
        sortLayer(layers.get(l), c -> meanPos(c.ups, c.pos));
      }
    }
  }

  private static void sortLayer(List<Cell> layer, Function<Cell, Double> key) {
    Map<Cell, Double> keys = new HashMap<>();
    layer.forEach(c -> keys.put(c, key.apply(c)));
    layer.sort(Comparator.<Cell>comparingDouble(keys::get).thenComparingDouble(c -> c.pos)
        .thenComparingInt(c -> c.rank));
    for (int i = 0; i < layer.size(); i++) {
      layer.get(i).pos = i;
    }
  }

  private static double meanPos(List<Cell> neighbours, double fallback) {
    return neighbours.isEmpty() ? fallback : neighbours.stream().mapToDouble(c -> c.pos).average().orElseThrow();
  }

  // ----------------------------------------------------------------------------------------------- placement

  private void place() {
    for (List<Cell> layer : layers) {
      int x = 0;
      for (Cell c : layer) {
        c.x = x;
        x += c.width() + GAP;
      }
    }
    for (int i = 0; i < SWEEPS; i++) {
      for (int l = 1; l < layers.size(); l++) {
        align(layers.get(l), c -> c.ups);
      }
      for (int l = layers.size() - 2; l >= 0; l--) {
        align(layers.get(l), c -> c.downs);
      }
    }
    for (int l = 1; l < layers.size(); l++) {
      align(layers.get(l), c -> c.ups);
    }
    int min = layers.stream().flatMap(List::stream).mapToInt(c -> c.x).min().orElse(0);
    layers.forEach(layer -> layer.forEach(c -> c.x -= min));
  }

  /**
   * Puts each cell's centre as near as possible (least squares) to the mean centre of its neighbours, keeping
   * the layer's order and spacing: pool-adjacent-violators on positions shifted by the space each cell needs.
   */
  private static void align(List<Cell> layer, Function<Cell, List<Cell>> neighbours) {
    int n = layer.size();
    double[] target = new double[n];
    int[] offset = new int[n];
    int used = 0;
    for (int i = 0; i < n; i++) {
      Cell c = layer.get(i);
      List<Cell> ns = neighbours.apply(c);
      double want = ns.isEmpty() ? c.x : ns.stream().mapToDouble(Cell::center).average().orElseThrow() - c.width() / 2;
      offset[i] = used;
      target[i] = want - used;
      used += c.width() + GAP;
    }
    double[] sums = new double[n];
    int[] counts = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      sums[blocks] = target[i];
      counts[blocks] = 1;
      blocks++;
      while (blocks > 1 && sums[blocks - 2] / counts[blocks - 2] > sums[blocks - 1] / counts[blocks - 1]) {
        sums[blocks - 2] += sums[blocks - 1];
        counts[blocks - 2] += counts[blocks - 1];
        blocks--;
      }
    }
    int i = 0;
    for (int b = 0; b < blocks; b++) {
      long y = Math.round(sums[b] / counts[b]);
      for (int k = 0; k < counts[b]; k++, i++) {
        layer.get(i).x = (int) y + offset[i];
      }
    }
  }

  // ------------------------------------------------------------------------------------------------- drawing

  private String render() {
    int[] top = new int[layers.size()];
    for (int l = 1; l < layers.size(); l++) {
      int widest = 0;
      for (Cell c : layers.get(l - 1)) {
        for (Cell d : c.downs) {
          widest = Math.max(widest, Math.abs(d.center() - c.center()));
        }
      }
      top[l] = top[l - 1] + BOX_HEIGHT + Math.max(2, Math.min(6, (widest + 2) / 3));
    }
    int width = layers.stream().flatMap(List::stream).mapToInt(c -> c.x + c.width()).max().orElse(0);
    char[][] canvas = new char[top[layers.size() - 1] + BOX_HEIGHT][width];
    for (char[] row : canvas) {
      Arrays.fill(row, ' ');
    }
    for (List<Cell> layer : layers) {
      for (Cell c : layer) {
        for (Cell d : c.downs) {
          line(canvas, c.center(), top[c.layer] + BOX_HEIGHT - 1, d.center(), top[d.layer]);
        }
      }
    }
    for (List<Cell> layer : layers) {
      for (Cell c : layer) {
        int y = top[c.layer];
        if (c.label == null) {
          for (int r = 0; r < BOX_HEIGHT; r++) {
            canvas[y + r][c.x] = '*';
          }
        } else {
          String border = "+" + "-".repeat(c.label.length() + 2) + "+";
          put(canvas[y], c.x, border);
          put(canvas[y + 1], c.x, "| " + c.label + " |");
          put(canvas[y + 2], c.x, border);
        }
      }
    }
    StringBuilder b = new StringBuilder();
    for (char[] row : canvas) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(new String(row).stripTrailing());
    }
    return b.toString();
  }

  /** A line of '*' through the rows strictly between y0 and y1, from column x0 to column x1, row by row. */
  private static void line(char[][] canvas, int x0, int y0, int x1, int y1) {
    int rows = y1 - y0 - 1;
    for (int k = 0; k < rows; k++) {
      int from = (int) Math.round(x0 + (x1 - x0) * (double) k / rows);
      int to = (int) Math.round(x0 + (x1 - x0) * (double) (k + 1) / rows);
      if (to != from && k < rows - 1) {
        to -= Integer.signum(to - from);
      }
      for (int x = Math.min(from, to); x <= Math.max(from, to); x++) {
        canvas[y0 + 1 + k][x] = '*';
      }
    }
  }

  private static void put(char[] row, int x, String s) {
    s.getChars(0, s.length(), row, x);
  }
}
