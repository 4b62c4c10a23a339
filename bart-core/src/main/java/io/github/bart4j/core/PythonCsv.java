package io.github.bart4j.core;

import java.util.List;

/**
 * Writes CSV rows byte for byte as Python's {@code csv.writer} with its default dialect: fields
 * are quoted only when they contain a comma, a double quote, CR or LF; quotes are doubled; rows
 * end in {@code "\r\n"}; line breaks inside fields are written as they are.
 *
 * <p>commons-csv's minimal quoting also quotes fields that start with a space or {@code #} or end in
 * whitespace, which Python does not; the seed's files can only be matched by following Python.
 */
final class PythonCsv {

    /** The row terminator of Python's default dialect. */
    public static final String ROW_END = "\r\n";

    private PythonCsv() {
    }

    /** Appends one row, terminator included. {@code null} fields are written empty, as Python writes {@code None}. */
    public static StringBuilder appendRow(StringBuilder out, List<String> fields) {
        if (fields.size() == 1 && (fields.get(0) == null || fields.get(0).isEmpty())) {
            return out.append("\"\"").append(ROW_END);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendField(out, fields.get(i));
        }
        return out.append(ROW_END);
    }

    /** Appends one field, quoted when Python would quote it. */
    public static StringBuilder appendField(StringBuilder out, String field) {
        if (field == null || field.isEmpty()) {
            return out;
        }
        if (!needsQuotes(field)) {
            return out.append(field);
        }
        out.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    private static boolean needsQuotes(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
