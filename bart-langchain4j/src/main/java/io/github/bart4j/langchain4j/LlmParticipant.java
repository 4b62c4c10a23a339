package io.github.bart4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.DecisionParser;
import io.github.bart4j.core.ParsedDecision;
import io.github.bart4j.core.PumpCountParser;
import io.github.bart4j.core.TokenUsage;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Participant} that asks a LangChain4j {@link ChatModel}. Thread-safe. */
final class LlmParticipant implements Participant {

    private static final Logger LOG = LoggerFactory.getLogger(LlmParticipant.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final ResponseFormat DECISION_FORMAT = ResponseFormat.builder()
            .type(ResponseFormatType.JSON)
            .jsonSchema(JsonSchema.builder()
                    .name("bart_decision")
                    .rootElement(JsonObjectSchema.builder()
                            .addEnumProperty("decision", List.of("pump", "cash_out"))
                            .required("decision")
                            .additionalProperties(false)
                            .build())
                    .build())
            .build();

    static final ResponseFormat PUMPS_FORMAT = ResponseFormat.builder()
            .type(ResponseFormatType.JSON)
            .jsonSchema(JsonSchema.builder()
                    .name("bart_pumps")
                    .rootElement(JsonObjectSchema.builder()
                            .addIntegerProperty("pumps")
                            .required("pumps")
                            .additionalProperties(false)
                            .build())
                    .build())
            .build();

    private final String name;
    private final ChatModel model;
    private final ModelOptions options;
    private final Dialogue dialogue;
    private final Retrier retrier;
    /** A simulated participant: its model is told the situation instead of reading it from the prompts. */
    private final boolean toldSituation;

    LlmParticipant(String name, ChatModel model, ModelOptions options, Retrier retrier) {
        this.name = name;
        this.model = model;
        this.options = options;
        this.dialogue = new Dialogue(options.prompts(), options.conversationMode());
        this.retrier = retrier;
        this.toldSituation = model instanceof FakeChatModel && ((FakeChatModel) model).playsPolicy();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int preferredConcurrency() {
        return options.maxConcurrencyPerModel();
    }

    @Override
    public boolean sequentialBalloons() {
        return options.conversationMode() == ConversationMode.ACROSS_BALLOONS;
    }

    @Override
    public BalloonSession open(BalloonContext context) {
        dialogue.checkPersona(context);
        return new Session(context);
    }

    @Override
    public String toString() {
        return "LlmParticipant[" + name + ", " + options + "]";
    }

    private final class Session implements BalloonSession {
        private final BalloonContext context;
        private final List<String> pumpAnswers = new ArrayList<>();
        /** The conversation so far (multi-turn modes), extended by one exchange per safe pump. */
        private List<ChatMessage> conversation;

        Session(BalloonContext context) {
            this.context = context;
        }

        @Override
        public Reply decide(BalloonState state) {
            if (state.pumps() != pumpAnswers.size()) {
                throw new IllegalStateException("session of balloon " + context.balloonId() + " has "
                        + pumpAnswers.size() + " pumps but the task reports " + state.pumps());
            }
            List<ChatMessage> messages;
            if (options.conversationMode() == ConversationMode.STATELESS) {
                messages = dialogue.decision(context, pumpAnswers, state.balloonEarnings());
            } else {
                if (conversation == null) {
                    conversation = dialogue.opening(context);
                }
                messages = new ArrayList<>(conversation); // LangChain4j keeps a view of the list it is given
            }
            ChatRequest request = request(messages, DECISION_FORMAT);
            Reply reply = ask(request, false, situation(context, state, false));
            if (reply.isValid() && reply.decision() == Decision.PUMP) {
                String answer = reply.raw().strip();
                pumpAnswers.add(answer);
                if (conversation != null) {
                    conversation.add(AiMessage.from(answer));
                    conversation.add(dialogue.afterPumpTurn(context, pumpAnswers.size()));
                }
            }
            return reply;
        }

        @Override
        public Reply declarePumps(BalloonState state) {
            ChatRequest request = request(dialogue.declaration(context), PUMPS_FORMAT);
            return ask(request, true, situation(context, state, true));
        }
    }

    /**
     * Asks through the retry layer. Tokens of attempts that came back empty are added to the
     * reply's usage, so what a decision cost is complete.
     */
    private FakeChatModel.Situation situation(BalloonContext context, BalloonState state, boolean declaration) {
        return toldSituation ? new FakeChatModel.Situation(name, context, state.pumps(), state.balloonEarnings(),
                declaration, options.prompts().discloseRange()) : null;
    }

    private Reply ask(ChatRequest request, boolean declaration, FakeChatModel.Situation situation) {
        if (situation == null) {
            return ask(request, declaration);
        }
        FakeChatModel.SITUATION.set(situation);
        try {
            return ask(request, declaration);
        } finally {
            FakeChatModel.SITUATION.remove();
        }
    }

    private Reply ask(ChatRequest request, boolean declaration) {
        TokenUsage[] wasted = {TokenUsage.UNKNOWN};
        Reply reply = retrier.call(() -> {
            ChatResponse response = chat(request);
            try {
                return interpret(response, declaration);
            } catch (EmptyCompletionException e) {
                wasted[0] = wasted[0].plus(usage(response, null));
                throw e;
            }
        });
        return wasted[0].equals(TokenUsage.UNKNOWN) ? reply : reply.withUsage(wasted[0].plus(reply.usage()));
    }

    private static TokenUsage usage(ChatResponse response, Double cost) {
        dev.langchain4j.model.output.TokenUsage tu = response.tokenUsage();
        return new TokenUsage(tu == null ? null : tu.inputTokenCount(), tu == null ? null : tu.outputTokenCount(),
                cost);
    }

    /**
     * One call to the model. With debug on, models that do not talk HTTP through bart4j's client
     * (simulated, user-built) have their messages and answers logged here instead.
     */
    private ChatResponse chat(ChatRequest request) {
        boolean log = options.debug() && LOG.isDebugEnabled() && (options.backend() == ModelOptions.Backend.SIMULATED
                || options.backend() == ModelOptions.Backend.CUSTOM);
        if (log) {
            LOG.debug("{} request: {}", name, request.messages());
        }
        ChatResponse response = model.chat(request);
        if (log) {
            LOG.debug("{} response: {} (tokens {})", name, response.aiMessage(), response.tokenUsage());
        }
        return response;
    }

    private ChatRequest request(List<ChatMessage> messages, ResponseFormat format) {
        ChatRequest.Builder b = ChatRequest.builder().messages(messages);
        if (options.structuredOutput()) {
            b.responseFormat(format);
        }
        return b.build();
    }

    /** The reply a response means; throws {@link EmptyCompletionException} (retried) when it has nothing at all. */
    Reply interpret(ChatResponse response, boolean declaration) {
        AiMessage ai = response.aiMessage();
        String text = ai == null ? null : ai.text();
        JsonNode raw = rawBody(response);
        String reasoning = ai == null ? null : ai.thinking();
        if (isBlank(reasoning) && raw != null) {
            JsonNode r = raw.path("choices").path(0).path("message").path("reasoning");
            reasoning = r.isTextual() ? r.asText() : null;
        }
        if (isBlank(reasoning)) {
            reasoning = null;
        }
        Double cost = null;
        if (raw != null && raw.path("usage").path("cost").isNumber()) {
            cost = raw.path("usage").path("cost").asDouble();
        }
        TokenUsage usage = usage(response, cost);
        if (isBlank(text)) {
            if (reasoning != null) {
                return Reply.invalid("", "empty content (reasoning only)").withReasoning(reasoning).withUsage(usage);
            }
            throw new EmptyCompletionException("empty completion from model '" + options.modelName() + "'");
        }
        Reply reply = declaration ? declared(text) : Reply.of(parse(text), text);
        return reply.withReasoning(reasoning).withUsage(usage);
    }

    private ParsedDecision parse(String text) {
        DecisionParser parser = options.decisionParser();
        if (options.structuredOutput()) {
            JsonNode node = readJson(text);
            if (node != null) {
                String d = node.path("decision").asText("").strip().toLowerCase(Locale.ROOT).replace(' ', '_');
                if (d.equals("pump")) {
                    return ParsedDecision.of(Decision.PUMP);
                }
                if (d.equals("cash_out") || d.equals("cashout")) {
                    return ParsedDecision.of(Decision.CASH_OUT);
                }
            }
        }
        return parser.parse(text);
    }

    /** The automatic task's answer, read by bart-core's {@link PumpCountParser} (JSON {"pumps": n} included). */
    private Reply declared(String text) {
        PumpCountParser.ParsedCount count = PumpCountParser.standard().parse(text);
        return count.isValid() ? Reply.declared(count.pumps(), text) : Reply.invalid(text, count.invalidReason());
    }

    private static JsonNode readJson(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            t = t.replaceAll("^```[a-zA-Z]*\\s*", "").replaceAll("\\s*```$", "");
        }
        if (!t.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(t);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode rawBody(ChatResponse response) {
        if (!(response.metadata() instanceof OpenAiChatResponseMetadata)) {
            return null;
        }
        SuccessfulHttpResponse http = ((OpenAiChatResponseMetadata) response.metadata()).rawHttpResponse();
        if (http == null || http.body() == null) {
            return null;
        }
        try {
            return JSON.readTree(http.body());
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
