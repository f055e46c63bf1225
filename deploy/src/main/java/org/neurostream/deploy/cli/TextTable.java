package org.neurostream.deploy.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns for terminal output: text columns left-aligned, columns declared numeric
 * right-aligned.
 */
final class TextTable {
    private final String[] headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();

    /** Headers; a header starting with {@code '>'} declares a right-aligned (numeric) column. */
    TextTable(String... headers) {
        this.headers = new String[headers.length];
        this.numeric = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            numeric[i] = headers[i].startsWith(">");
            this.headers[i] = numeric[i] ? headers[i].substring(1) : headers[i];
        }
    }

    TextTable row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("Row has " + cells.length + " cells for " + headers.length
                    + " columns.");
        }
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    String render() {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        append(out, headers, width);
        for (String[] r : rows) {
            append(out, r, width);
        }
        return out.toString();
    }

    private void append(StringBuilder out, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[i] - cells[i].length());
            line.append(numeric[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
