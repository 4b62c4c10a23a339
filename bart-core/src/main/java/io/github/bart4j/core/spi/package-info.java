/**
 * The service-provider interface a backend implements to take part in the BART:
 * {@link io.github.bart4j.core.spi.Participant} opens one
 * {@link io.github.bart4j.core.spi.BalloonSession} per balloon, which answers with
 * {@link io.github.bart4j.core.Answer} values. The task, not the participant, applies the rules.
 */
package io.github.bart4j.core.spi;
