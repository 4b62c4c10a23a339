package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The contracts of {@link ResultSink} and {@link ExperimentListener}, as an {@link Experiment} keeps
 * them, checked with Mockito mocks: each finished balloon reaches every sink once, in the order the
 * sinks were added, before any listener hears of it; listener calls come one at a time with the
 * progress counting up; the experiment does not close the sinks it was given.
 */
class ExperimentMockitoTest {

    private static final Schedule SCHEDULE = Schedule.uniform(1, 20, 12, 0.10, 42);

    @Test
    void every_balloon_reaches_each_sink_once_in_the_order_added_before_the_listener_hears_of_it() {
        ResultSink first = mock(ResultSink.class);
        ResultSink second = mock(ResultSink.class);
        ExperimentListener listener = mock(ExperimentListener.class);

        ExperimentResult run = Experiment.builder()
                .schedule(SCHEDULE)
                .participant(ScriptedParticipants.fixed(4))
                .participant(ScriptedParticipants.crra(1.0))
                .sink(first)
                .sink(second)
                .listener(listener)
                .maxConcurrency(4)
                .build()
                .run();

        ArgumentCaptor<BalloonResult> heard = ArgumentCaptor.forClass(BalloonResult.class);
        ArgumentCaptor<Progress> progress = ArgumentCaptor.forClass(Progress.class);
        verify(listener, times(24)).balloonFinished(heard.capture(), progress.capture());
        assertThat(heard.getAllValues()).containsExactlyInAnyOrderElementsOf(run.results());
        assertThat(heard.getAllValues()).extracting(BalloonResult::key).doesNotHaveDuplicates();
        for (BalloonResult r : heard.getAllValues()) {
            InOrder order = inOrder(first, second, listener);
            order.verify(first).accept(r);
            order.verify(second).accept(r);
            order.verify(listener).balloonFinished(eq(r), any(Progress.class));
        }
        verify(first, times(24)).accept(any(BalloonResult.class));
        verify(second, times(24)).accept(any(BalloonResult.class));
        assertThat(progress.getAllValues()).extracting(Progress::done)
                .as("one event at a time, counting up").containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList());
        assertThat(progress.getAllValues()).extracting(Progress::total).containsOnly(24);
        verify(listener, never()).participantFailed(any(), any(), any());
        verify(first, never()).close();
        verify(second, never()).close();
    }

    @Test
    void a_sequential_participants_balloons_reach_the_sink_in_schedule_order() {
        Participant inOrder = mock(Participant.class, delegatesTo(ScriptedParticipants.fixed(2)));
        doReturn(true).when(inOrder).sequentialBalloons();
        ResultSink sink = mock(ResultSink.class);

        Experiment.builder().schedule(SCHEDULE).participant(inOrder).sink(sink).epochs(2).build().run();

        ArgumentCaptor<BalloonResult> stored = ArgumentCaptor.forClass(BalloonResult.class);
        verify(sink, times(24)).accept(stored.capture());
        List<Integer> ids = java.util.stream.IntStream.rangeClosed(1, 12).boxed().toList();
        assertThat(stored.getAllValues().stream().filter(r -> r.epoch() == 1).map(r -> r.balloon().id()))
                .containsExactlyElementsOf(ids);
        assertThat(stored.getAllValues().stream().filter(r -> r.epoch() == 2).map(r -> r.balloon().id()))
                .containsExactlyElementsOf(ids);
    }

    @Test
    void the_caller_closes_its_sinks_once_the_experiment_never_does() {
        ResultSink sink = mock(ResultSink.class);

        try (ResultSink s = sink) {
            Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(1)).sink(s).build().run();
            verify(sink, never()).close();
        }

        verify(sink, times(12)).accept(any(BalloonResult.class));
        verify(sink, times(1)).close();
        verifyNoMoreInteractions(sink);
    }

    @Test
    void a_listener_that_throws_does_not_stop_the_run_or_the_other_listeners() {
        ExperimentListener broken = mock(ExperimentListener.class);
        doThrow(new IllegalStateException("listener bug")).when(broken).balloonFinished(any(), any());
        ExperimentListener other = mock(ExperimentListener.class);
        ResultSink sink = mock(ResultSink.class);

        ExperimentResult run = Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(3))
                .sink(sink).listener(broken).listener(other).build().run();

        assertThat(run.complete()).isTrue();
        assertThat(run.results()).hasSize(12);
        verify(broken, times(12)).balloonFinished(any(), any());
        verify(other, times(12)).balloonFinished(any(), any());
        verify(sink, times(12)).accept(any(BalloonResult.class));
    }

    @Test
    void a_participant_failing_for_good_is_reported_once_and_its_balloon_is_not_stored() {
        ParticipantException noCredits = new ParticipantException("out of credits (HTTP 402)", true);
        BalloonSession session = mock(BalloonSession.class);
        when(session.decide(any())).thenThrow(noCredits);
        Participant broke = mock(Participant.class);
        when(broke.name()).thenReturn("broke");
        when(broke.open(any())).thenReturn(session);
        ResultSink sink = mock(ResultSink.class);
        ExperimentListener listener = mock(ExperimentListener.class);

        ExperimentResult run = Experiment.builder().schedule(SCHEDULE).participant(broke, "calm")
                .participant(ScriptedParticipants.fixed(2)).sink(sink).listener(listener).build().run();

        verify(listener, times(1)).participantFailed("broke", "calm", noCredits);
        ArgumentCaptor<BalloonResult> stored = ArgumentCaptor.forClass(BalloonResult.class);
        verify(sink, times(12)).accept(stored.capture());
        assertThat(stored.getAllValues()).extracting(BalloonResult::participant).containsOnly("fixed:2");
        assertThat(run.failures()).containsEntry("broke", "out of credits (HTTP 402)");
        verify(session, never()).finish(any());
    }
}
