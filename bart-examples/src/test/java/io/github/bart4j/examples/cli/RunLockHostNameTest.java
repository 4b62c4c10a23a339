package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The run lock's holder line names the host without stalling the run: the OS's own name first, a
 * network look-up (which can hang where the host's name does not resolve) only as a bounded fallback.
 */
class RunLockHostNameTest {

    @Test
    void the_os_name_is_used_without_a_look_up() {
        AtomicBoolean looked = new AtomicBoolean();
        String name = RunLock.hostName(() -> "lab-7\n", () -> {
            looked.set(true);
            return "other";
        }, Duration.ofSeconds(5));
        assertThat(name).isEqualTo("lab-7");
        assertThat(looked).isFalse();
    }

    @Test
    void a_look_up_is_the_fallback_when_the_os_keeps_no_name() {
        assertThat(RunLock.hostName(() -> null, () -> "resolved.example", Duration.ofSeconds(30)))
                .isEqualTo("resolved.example");
        assertThat(RunLock.hostName(() -> " ", () -> null, Duration.ofSeconds(30))).isEqualTo("unknown host");
        assertThat(RunLock.hostName(() -> null, () -> {
            throw new IllegalStateException("no network");
        }, Duration.ofSeconds(30))).isEqualTo("unknown host");
    }

    @Test
    @Timeout(60)
    void a_look_up_that_hangs_does_not_hold_the_run() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        try {
            String name = RunLock.hostName(() -> null, () -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "too late";
            }, Duration.ofMillis(50));
            assertThat(name).isEqualTo("unknown host");
        } finally {
            never.countDown();
        }
    }
}
