package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.DecisionParser;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.Participant;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Replays the recorded answers of anthropic/claude-3.5-sonnet (seed run 20250407-175732) balloon by
 * balloon through an OpenAI-format wire server, with the recorded thresholds, and checks that pumps,
 * bursts and earnings come out as recorded.
 */
class SeedReplayTest {

    private static final String MODEL = "anthropic/claude-3.5-sonnet";
    private static final Pattern BALLOON = Pattern.compile("Balloon #(\\d+)");

    private record Recorded(int id, int threshold, int pumps, boolean burst, double earnings, List<String> choices,
                            List<String> responses) {
    }

    private static Map<Integer, Recorded> recorded() throws IOException {
        Map<Integer, Recorded> out = new TreeMap<>();
        Path csv = TestData.dir().resolve("seed-runs/BART_combined_20250407-175732.csv");
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (!r.get("model").equals(MODEL)) {
                    continue;
                }
                int id = Integer.parseInt(r.get("balloon_id"));
                out.put(id, new Recorded(id, Integer.parseInt(r.get("threshold_pumps")),
                        Integer.parseInt(r.get("pumps_attempted")), r.get("burst").equals("True"),
                        Double.parseDouble(r.get("earnings")), Arrays.asList(r.get("choices").split(", ")),
                        Arrays.asList(r.get("full_responses").split(" \\| "))));
            }
        }
        return out;
    }

    /** The recorded answer for the request's balloon at the request's position in it. */
    private static String answer(Map<Integer, Recorded> recorded, ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        int last = -1;
        int balloon = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof UserMessage) {
                Matcher m = BALLOON.matcher(FakeChatModel.textOf(messages.get(i)));
                if (m.find()) {
                    last = i;
                    balloon = Integer.parseInt(m.group(1));
                }
            }
        }
        int answered = 0;
        for (int i = last + 1; i < messages.size(); i++) {
            if (messages.get(i) instanceof AiMessage) {
                answered++;
            }
        }
        return recorded.get(balloon).responses().get(answered);
    }

    @Test
    void recorded_answers_replayed_over_the_wire_reproduce_pumps_bursts_and_earnings() throws IOException {
        Map<Integer, Recorded> recorded = recorded();
        assertThat(recorded).hasSize(50);
        DecisionParser parser = DecisionParser.seedCompatible();
        int replayed = 0;
        double total = 0;
        try (ChatServer server = new ChatServer(ChatServer.Format.OPENAI, r -> answer(recorded, r), 0, false)) {
            Participant p = LlmParticipant.builder()
                    .chatModel(ChatModels.openRouter().modelName(MODEL).apiKey("sk-replay").baseUrl(server.baseUrl())
                            .build())
                    .decisionParser(parser).retryPolicy(RetryPolicy.none()).build();
            for (Recorded rec : recorded.values()) {
                boolean unambiguous = rec.responses().size() == rec.choices().size()
                        && rec.responses().stream().allMatch(a -> parser.parse(a).isValid());
                if (!unambiguous) {
                    continue;
                }
                BalloonResult r = Task.classic().play(p, new Balloon(rec.id(), "", 1, 20, rec.threshold(), 0.10));
                assertThat(r.pumps()).as("balloon " + rec.id() + " pumps").isEqualTo(rec.pumps());
                assertThat(r.burst()).as("balloon " + rec.id() + " burst").isEqualTo(rec.burst());
                assertThat(r.earnings()).as("balloon " + rec.id() + " earnings").isEqualTo(rec.earnings());
                assertThat(r.choices().stream().map(Decision::label).toList()).isEqualTo(rec.choices());
                assertThat(r.responses()).isEqualTo(rec.responses());
                total += r.earnings();
                replayed++;
            }
        }
        assertThat(replayed).isEqualTo(50);
        assertThat(Money.format(Money.round2(total))).isEqualTo("22.8");
    }
}
