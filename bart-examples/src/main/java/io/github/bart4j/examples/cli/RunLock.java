package io.github.bart4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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
        long pid = ProcessHandle.current().pid();
        Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return "pid " + pid + " on " + hostName(RunLock::osHostName, RunLock::resolvedHostName, LOOKUP_WAIT)
                + ", started " + started;
    }

    /** How long the holder line waits for a host name that needs a look-up. */
    static final Duration LOOKUP_WAIT = Duration.ofMillis(300);

    /**
     * This machine's name for the holder line, without stalling a run: the name the operating system
     * keeps ({@code osName}, no network), else a look-up ({@code lookup}, which can hang for seconds
     * where the host's own name does not resolve) given at most {@code wait}, else {@code unknown host}.
     */
    static String hostName(Supplier<String> osName, Supplier<String> lookup, Duration wait) {
        String name = osName.get();
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                found.complete(lookup.get());
            } catch (RuntimeException e) {
                found.complete(null);
            }
        }, "bart-host-name");
        t.setDaemon(true);
        t.start();
        try {
            name = found.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            name = null;
        } catch (ExecutionException | TimeoutException e) {
            name = null;
        }
        return name == null || name.isBlank() ? "unknown host" : name.strip();
    }

    /** The host name the OS keeps, read without a network look-up; {@code null} where unknown. */
    private static String osHostName() {
        String windows = System.getenv("COMPUTERNAME");
        if (windows != null && !windows.isBlank()) {
            return windows;
        }
        for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
            try {
                String name = Files.readString(Path.of(file)).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // not on this OS
            }
        }
        return null;
    }

    private static String resolvedHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
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
