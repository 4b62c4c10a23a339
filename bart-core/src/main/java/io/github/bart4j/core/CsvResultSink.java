package io.github.bart4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Appends one {@code BART_combined.csv} row per result (see {@link CombinedCsv}). A new or empty
 * file gets the header; an existing file must have the same header and is continued.
 */
final class CsvResultSink extends AppendingFileSink {

    private CsvResultSink(Path file) {
        super(file);
    }

    /**
     * Opens {@code file} for appending.
     *
     * @throws ResultFileException if the file exists with another header
     * @throws ResultIoException if it cannot be read or written
     */
    public static CsvResultSink open(Path file) {
        boolean needsHeader = prepare(file);
        CsvResultSink sink = new CsvResultSink(file);
        if (needsHeader) {
            sink.write(CombinedCsv.header());
        }
        return sink;
    }

    /** Checks an existing file and repairs a torn tail; returns whether a header must be written. */
    private static boolean prepare(Path file) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return true;
            }
            byte[] header = CombinedCsv.header().getBytes(StandardCharsets.UTF_8);
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(Math.max(header.length, 1000));
            }
            if (!startsWith(head, header)) {
                int end = 0;
                while (end < head.length && end < 1000 && head[end] != '\n') {
                    end++;
                }
                String first = new String(head, 0, end, StandardCharsets.UTF_8).strip();
                throw new ResultFileException(file, 1, "cannot append: the header must be '"
                        + CombinedCsv.header().strip() + "', but is: '" + abbreviate(first) + "'");
            }
            long[] sizeAndEnd = lastRowEnd(file);
            AppendingFileSink.truncateTornTail(file, sizeAndEnd[0], sizeAndEnd[1]);
            return false;
        } catch (IOException e) {
            throw new ResultIoException("cannot read " + file + " before appending: " + e.getMessage(), e);
        }
    }

    /**
     * The file's size and the offset just after its last line break outside quotes, in one
     * streaming pass (whether a line break is inside quotes depends on every quote before it).
     * Quotes and line breaks are ASCII, which never occurs inside a UTF-8 sequence, so bytes can be
     * scanned directly.
     */
    static long[] lastRowEnd(Path file) throws IOException {
        boolean quoted = false;
        long end = 0;
        long offset = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    byte c = buf[i];
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == '\n' && !quoted) {
                        end = offset + i + 1;
                    }
                }
                offset += n;
            }
        }
        return new long[] {offset, end};
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + " [the first 300 of " + s.length() + " characters]" : s;
    }

    @Override
    String encode(BalloonResult result) {
        return CombinedCsv.row(result);
    }
}
