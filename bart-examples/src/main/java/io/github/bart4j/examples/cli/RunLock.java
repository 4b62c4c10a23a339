package io.github.bart4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code run} at a time per run directory: an OS file lock on {@value #FILE} in the directory,
 * held until the run ends. The operating system releases it when the process dies, however it
 * dies, so a lock left by a killed run never blocks a resume. The file holds one line naming the
 * holder (pid, host, start time) for the refusal message; it stays in the directory afterwards.
 */
final class RunLock implements AutoCloseable {

    /** The lock file's name inside the run directory. */
    static final String FILE = "run.lock";

    /**
     * Directories locked by this JVM, with their holder line. Needed because a JVM cannot lock a
     * file twice, and closing a second channel on a locked file would release the first one's lock.
     */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (which exists) for this process.
     *
     * @throws UsageException naming the holder when another run holds it
     * @throws UncheckedIOException when the lock file cannot be created or locked
     */
    static RunLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        Path key = file.toAbsolutePath().normalize();
        String holder = holderLine();
        if (HELD_HERE.putIfAbsent(key, holder) != null) {
            throw refused(dir, HELD_HERE.get(key));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String other = read(channel);
                channel.close();
                HELD_HERE.remove(key);
                throw refused(dir, other);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(key, channel, lock);
        } catch (IOException e) {
            HELD_HERE.remove(key);
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("cannot lock " + file + ": " + EnvironmentFailure.cause(e), e);
        }
    }

    private static UsageException refused(Path dir, String holder) {
        return new UsageException(dir + ": in use by another bart run (" + (holder == null || holder.isBlank()
                ? "holder unknown" : holder.strip()) + "); wait for it to end, or use another --run-dir");
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        buffer.flip();
        return ConfigLoader.oneLine(StandardCharsets.UTF_8.decode(buffer).toString());
    }

    private static String holderLine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        long pid = ProcessHandle.current().pid();
        Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return "pid " + pid + " on " + host + ", started " + started;
    }

    /** Releases the lock (the file stays). Idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // the lock dies with the channel or the process anyway
        } finally {
            HELD_HERE.remove(key);
        }
    }
}
