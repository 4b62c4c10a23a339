package io.github.bart4j.core;

import java.io.IOException;
import java.io.OutputStream;

/**
 * JSON text built in a {@link StringBuilder}, laid out exactly as a Jackson generator of
 * {@link ResultJson#MAPPER} writes it to a {@link java.io.Writer}: either compact (journal lines) or
 * with Jackson's {@code DefaultPrettyPrinter} ({@code BART_results.json}): object entries on lines of
 * their own, indented by two spaces per level with the system line separator before each (as
 * {@code DefaultIndenter}), {@code "key" : value}, arrays on one line as {@code [ a, b ]}, empty
 * ones as {@code [ ]} and <code>{ }</code>. Strings are escaped as Jackson escapes them, doubles are
 * written as {@link Double#toString} (quoted when not finite). The caller writes a well-formed value
 * (a value after each {@link #field}); nothing is checked.
 */
final class JsonText {

    /** The line separator of Jackson's {@code DefaultIndenter.SYSTEM_LINEFEED_INSTANCE}. */
    private static final String EOL = System.getProperty("line.separator", "\n");
    private static final String[] INDENT = new String[16];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (int i = 0; i < INDENT.length; i++) {
            INDENT[i] = EOL + "  ".repeat(i);
        }
    }

    private StringBuilder t;
    private final boolean pretty;
    /** Objects open (the pretty printer's nesting: arrays are written inline and do not count). */
    private int nesting;
    /** Nothing written yet in the innermost open object or array. */
    private boolean first = true;
    /** {@link ResultFiles#NON_ASCII} and {@link ResultFiles#SURROGATES} when such chars were written. */
    private int content;

    private JsonText(boolean pretty, int capacity) {
        this.pretty = pretty;
        this.t = new StringBuilder(capacity);
    }

    /** Compact text, as a generator without a pretty printer writes it. */
    static JsonText compact(int capacity) {
        return new JsonText(false, capacity);
    }

    /**
     * Pretty text (as a generator with {@code useDefaultPrettyPrinter()}), continuing inside
     * {@code nesting} open objects that already hold an entry.
     */
    static JsonText pretty(int capacity, int nesting) {
        JsonText j = new JsonText(true, capacity);
        j.nesting = nesting;
        j.first = false;
        return j;
    }

    JsonText startObject() {
        t.append('{');
        nesting++;
        first = true;
        return this;
    }

    JsonText endObject() {
        nesting--;
        if (pretty) {
            if (first) {
                t.append(' ');
            } else {
                indent();
            }
        }
        t.append('}');
        first = false;
        return this;
    }

    JsonText startArray() {
        t.append('[');
        first = true;
        return this;
    }

    JsonText endArray() {
        if (pretty) {
            t.append(' ');
        }
        t.append(']');
        first = false;
        return this;
    }

    /**
     * The name of an object entry (plain ASCII, written as it is) with the text before its value
     * made once: in each layout, with and without the separator from the entry before.
     */
    static final class Key {
        private final String compactFirst;
        private final String compactNext;
        private final String[] prettyFirst = new String[INDENT.length];
        private final String[] prettyNext = new String[INDENT.length];

        Key(String name) {
            compactFirst = '"' + name + "\":";
            compactNext = ',' + compactFirst;
            for (int i = 0; i < INDENT.length; i++) {
                prettyFirst[i] = INDENT[i] + '"' + name + "\" : ";
                prettyNext[i] = ',' + prettyFirst[i];
            }
        }
    }

    /** The next entry of the innermost object; its value follows. */
    JsonText field(Key key) {
        if (!pretty) {
            t.append(first ? key.compactFirst : key.compactNext);
        } else if (nesting < INDENT.length) {
            t.append(first ? key.prettyFirst[nesting] : key.prettyNext[nesting]);
        } else {
            t.append(first ? "" : ",").append(EOL).append("  ".repeat(nesting)).append(key.compactFirst, 0,
                    key.compactFirst.length() - 1).append(" : ");
        }
        first = false;
        return this;
    }

    /**
     * The next entry of the innermost object, named {@code name} (plain ASCII, written as it is); its
     * value follows. For a name written once: a name written often is a {@link Key} made once.
     */
    JsonText field(String name) {
        return field(new Key(name));
    }

    /** Before each value of an array. */
    JsonText element() {
        if (pretty) {
            t.append(first ? " " : ", ");
        } else if (!first) {
            t.append(',');
        }
        first = false;
        return this;
    }

    private void indent() {
        t.append(nesting < INDENT.length ? INDENT[nesting] : EOL + "  ".repeat(nesting));
    }

    /** What the text may hold beyond ASCII, for {@link ResultFiles#writeUtf8}. */
    int content() {
        return content;
    }

    JsonText nul() {
        t.append("null");
        return this;
    }

    JsonText bool(boolean b) {
        t.append(b);
        return this;
    }

    JsonText number(long x) {
        t.append(x);
        return this;
    }

    /** An integer, or {@code null}. */
    JsonText number(Integer x) {
        return x == null ? nul() : number(x.intValue());
    }

    /** A double as Jackson writes it by default: {@code Double.toString}, quoted when not finite. */
    JsonText number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            t.append('"').append(x).append('"');
        } else {
            t.append(x);
        }
        return this;
    }

    /** A double, or {@code null}. */
    JsonText number(Double x) {
        return x == null ? nul() : number(x.doubleValue());
    }

    /**
     * A string as Jackson writes it by default, or {@code null}: quotes and backslashes escaped,
     * control characters as {@code \b \t \n \f \r} or else a six-character escape with four
     * upper-case hex digits, everything else as it is.
     */
    JsonText string(String s) {
        if (s == null) {
            return nul();
        }
        StringBuilder t = this.t;
        t.append('"');
        int n = s.length();
        int plain = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            if (c >= 0x80) {
                content |= c >= 0xD800 && c < 0xE000 ? ResultFiles.NON_ASCII | ResultFiles.SURROGATES
                        : ResultFiles.NON_ASCII;
                continue;
            }
            t.append(s, plain, i);
            plain = i + 1;
            t.append('\\');
            switch (c) {
                case '"', '\\' -> t.append(c);
                case '\b' -> t.append('b');
                case '\t' -> t.append('t');
                case '\n' -> t.append('n');
                case '\f' -> t.append('f');
                case '\r' -> t.append('r');
                default -> t.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        t.append(s, plain, n).append('"');
        return this;
    }

    /** Text written as it is. */
    JsonText raw(String s) {
        t.append(s);
        return this;
    }

    /** Characters written so far (since the last {@link #writeTo}). */
    int length() {
        return t.length();
    }

    @Override
    public String toString() {
        return t.toString();
    }

    /**
     * Writes the text so far to {@code out} as UTF-8 ({@link ResultFiles#writeUtf8}: an unpaired
     * surrogate fails the write as a strict UTF-8 writer would, and nothing of this text is written)
     * and starts empty, in the same nesting.
     */
    void writeTo(OutputStream out) throws IOException {
        ResultFiles.writeUtf8(out, t, content);
        if (content == 0) {
            t.setLength(0);
        } else { // a new builder: one that held a char above U+00FF would stay twice as wide and slow
            t = new StringBuilder(t.capacity());
            content = 0;
        }
    }
}
