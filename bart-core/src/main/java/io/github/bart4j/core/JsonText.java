package io.github.bart4j.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

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
    /** A surrogate char was written (paired or not): the text needs the strict UTF-8 encoder. */
    private boolean surrogates;

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

    /** The next entry of the innermost object: its name (plain ASCII, not escaped); its value follows. */
    JsonText field(String name) {
        if (!first) {
            t.append(',');
        }
        first = false;
        if (pretty) {
            indent();
            t.append('"').append(name).append("\" : ");
        } else {
            t.append('"').append(name).append("\":");
        }
        return this;
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
            if (c < 0xD800 && c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            if (c >= 0xD800) {
                surrogates |= c < 0xE000;
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
     * Writes the text so far to {@code out} as UTF-8 and starts empty (in the same nesting). Like a
     * {@link java.io.Writer} with a strict UTF-8 encoder, an unpaired surrogate fails the write
     * ({@link java.nio.charset.MalformedInputException}) and nothing of this text is written.
     */
    void writeTo(OutputStream out) throws IOException {
        String text = t.toString();
        if (surrogates) {
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        // a new builder: one that held a char above U+00FF would stay twice as wide and slow
        t = new StringBuilder(t.capacity());
        surrogates = false;
    }
}
