package io.jdvc.tables;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Profiles as JSON: {@link #toJson} is also the shape of {@code data profile --json}; {@link #encode} gzips it for the
 * profile cache. Java's gzip header carries no time stamp, so equal profiles are equal bytes.
 */
public final class ProfileCodec {
  private ProfileCodec() {}

  public static byte[] encode(TableProfile p) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(JsonText.write(toJson(p)).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** @throws IllegalArgumentException if the bytes are not a profile this version can read */
  public static TableProfile decode(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return fromJson((Map<?, ?>) JsonText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a readable profile: " + e.getMessage(), e);
    }
  }

  public static Map<String, Object> toJson(TableProfile p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spec", p.spec());
    m.put("md5", p.md5());
    m.put("format", p.format());
    m.put("rows", p.rows());
    m.put("files", p.files());
    List<Object> cols = new ArrayList<>();
    for (ColumnProfile c : p.columns()) {
      cols.add(toJson(c));
    }
    m.put("columns", cols);
    return m;
  }

  public static Map<String, Object> toJson(ColumnProfile c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("type", c.type());
    m.put("count", c.count());
    m.put("nulls", c.nulls());
    m.put("distinct", c.distinct());
    m.put("min", c.min());
    m.put("max", c.max());
    m.put("mean", c.mean());
    m.put("stddev", c.stddev());
    m.put("sum", c.sum());
    if (c.minLength() != null) {
      m.put("min_length", c.minLength());
      m.put("max_length", c.maxLength());
    }
    m.put("quantiles", c.quantiles());
    if (c.histogram() != null) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("low", c.histogram().low());
      h.put("high", c.histogram().high());
      h.put("counts", c.histogram().counts());
      m.put("histogram", h);
    }
    List<Object> values = new ArrayList<>();
    for (ValueCount v : c.values()) {
      values.add(List.of(v.value(), v.count()));
    }
    m.put("values", values);
    m.put("values_complete", c.valuesComplete());
    return m;
  }

  static TableProfile fromJson(Map<?, ?> m) {
    List<ColumnProfile> cols = new ArrayList<>();
    for (Object o : (List<?>) m.get("columns")) {
      cols.add(column((Map<?, ?>) o));
    }
    return new TableProfile((String) m.get("spec"), (String) m.get("md5"), (String) m.get("format"),
        num(m.get("rows")).longValue(), num(m.get("files")).intValue(), cols);
  }

  private static ColumnProfile column(Map<?, ?> m) {
    List<Double> q = new ArrayList<>();
    for (Object o : (List<?>) m.get("quantiles")) {
      q.add(num(o).doubleValue());
    }
    Histogram h = null;
    if (m.get("histogram") instanceof Map<?, ?> hm) {
      List<Long> counts = new ArrayList<>();
      for (Object o : (List<?>) hm.get("counts")) {
        counts.add(num(o).longValue());
      }
      h = new Histogram(num(hm.get("low")).doubleValue(), num(hm.get("high")).doubleValue(), counts);
    }
    List<ValueCount> values = new ArrayList<>();
    for (Object o : (List<?>) m.get("values")) {
      List<?> pair = (List<?>) o;
      values.add(new ValueCount((String) pair.get(0), num(pair.get(1)).longValue()));
    }
    return new ColumnProfile((String) m.get("name"), (String) m.get("type"), num(m.get("count")).longValue(),
        num(m.get("nulls")).longValue(), num(m.get("distinct")).longValue(), (String) m.get("min"),
        (String) m.get("max"), dbl(m.get("mean")), dbl(m.get("stddev")), dbl(m.get("sum")), q, h, values,
        Boolean.TRUE.equals(m.get("values_complete")), lng(m.get("min_length")), lng(m.get("max_length")));
  }

  private static Number num(Object o) {
    return (Number) o;
  }

  private static Double dbl(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }

  private static Long lng(Object o) {
    return o == null ? null : ((Number) o).longValue();
  }
}
