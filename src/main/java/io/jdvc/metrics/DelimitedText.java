package io.jdvc.metrics;

import io.jdvc.JdvcException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV and TSV as Python's {@code csv.DictReader} reads them: the first row names the columns, fields may be quoted
 * with {@code "} ({@code ""} inside a quoted field is a quote), each later row is one record.
 */
public final class DelimitedText {
  private DelimitedText() {}

  /** Whether a path names a CSV or TSV file, by extension. */
  public static boolean isDelimited(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".csv") || lower.endsWith(".tsv");
  }

  /** The records of a {@code .csv} ({@code ,}) or {@code .tsv} (tab) file, values as written. */
  public static List<Map<String, String>> parse(String text, String name) {
    char delimiter = name.toLowerCase(java.util.Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
    List<List<String>> rows = rows(text, delimiter, name);
    List<Map<String, String>> records = new ArrayList<>();
    if (rows.isEmpty()) {
      return records;
    }
    List<String> header = rows.get(0);
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue; // a blank line, as DictReader skips it
      }
      if (row.size() != header.size()) {
        throw new JdvcException(name + ":" + (r + 1) + ": has " + row.size() + " fields, the header has "
            + header.size(), "fix the file so that every row has one value per column");
      }
      Map<String, String> record = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        record.put(header.get(c), row.get(c));
      }
      records.add(record);
    }
    return records;
  }

  private static List<List<String>> rows(String text, char delimiter, String name) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      any = true;
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        any = false;
        line++;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new JdvcException(name + ":" + line + ": a quoted field is not closed", "close the quote with '\"'");
    }
    if (any) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
