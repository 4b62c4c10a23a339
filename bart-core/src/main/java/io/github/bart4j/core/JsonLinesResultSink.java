package io.github.bart4j.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Appends one JSON object per result and line ({@link ResultJson}); the journal that resume reads.
 * An existing file is continued; a torn last line left by a crash is cut off first.
 */
final class JsonLinesResultSink extends AppendingFileSink {

    private JsonLinesResultSink(Path file) {
        super(file);
    }

    /**
     * Opens {@code file} for appending.
     *
     * @throws ResultIoException if it cannot be read or written
     */
    public static JsonLinesResultSink open(Path file) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                byte[] content = Files.readAllBytes(file);
                int end = content.length;
                while (end > 0 && content[end - 1] != '\n') {
                    end--;
                }
                AppendingFileSink.truncateTornTail(file, content.length, end);
            }
        } catch (IOException e) {
            throw new ResultIoException("cannot read " + file + " before appending: " + e.getMessage(), e);
        }
        return new JsonLinesResultSink(file);
    }

    @Override
    String encode(BalloonResult result) {
        return ResultJson.line(result);
    }
}
