package io.github.bart4j.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    long size = channel.size();
                    AppendingFileSink.truncateTornTail(file, size, afterLastLineBreak(channel, size));
                }
            }
        } catch (IOException e) {
            throw new ResultIoException("cannot read " + file + " before appending: " + e.getMessage(), e);
        }
        return new JsonLinesResultSink(file);
    }

    /**
     * The offset just after the last {@code '\n'} (0 if there is none), read backwards from the
     * end a block at a time: a file that ends in a line break costs one byte, whatever its size.
     */
    static long afterLastLineBreak(FileChannel channel, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(1);
        long end = size;
        while (end > 0) {
            int n = (int) Math.min(block.capacity(), end);
            block.clear().limit(n);
            long from = end - n;
            while (block.hasRemaining()) {
                if (channel.read(block, from + block.position()) < 0) {
                    throw new IOException("the file shrank while being read");
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
            if (block.capacity() < 1 << 16) {
                block = ByteBuffer.allocate(Math.min(1 << 16, block.capacity() * 64));
            }
        }
        return 0;
    }

    @Override
    String encode(BalloonResult result) {
        return ResultJson.line(result);
    }
}
