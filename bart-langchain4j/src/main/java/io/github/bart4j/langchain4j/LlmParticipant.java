package io.github.bart4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.DecisionParser;
import io.github.bart4j.core.PumpCountParser;
import io.github.bart4j.core.TokenUsage;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Participant} that asks a LangChain4j {@link ChatModel}. Thread-safe.
 *
 * <p>Build one on any {@code ChatModel} you built yourself — an {@code OpenAiChatModel}, a
 * {@link FakeChatModel}, a Mockito mock — with {@link #builder()}; no backend, URL or key is
 * involved (the model has its own). {@link LlmParticipants} has the one-line forms.
 *
 * <pre>{@code
 * LlmParticipant cautious = LlmParticipant.builder()
 *         .chatModel(FakeChatModel.policy("crra:1"))
 *         .name("cautious")
 *         .conversationMode(ConversationMode.STATELESS)
 *         .build();
 * }</pre>
 *
 * <p>What such a participant does is described at {@link LlmParticipants}. A model that breaks the
 * {@code ChatModel} contract (returns {@code null}, as an unstubbed Mockito mock does, or a response
 * without an {@code aiMessage}), or throws an exception that is not a provider's failure (anything
 * but LangChain4j's exceptions, a {@code NullPointerException} thrown inside LangChain4j, I/O errors
 * and {@link io.github.bart4j.core.ParticipantException}),
 * fails the participant for good: a fatal {@code ParticipantException} naming the participant, the
 * balloon and the fault, without retries. Throw LangChain4j's exceptions (e.g.
 * {@code InternalServerException}, {@code RateLimitException}) from a model of your own to have a
 * failure retried as a provider's.
 */
public final class LlmParticipant implements Participant {

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

    /** Default cap on balloons (so requests) in flight at once per participant: 4. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    private final String name;
    private final ChatModel model;
    private final BartPrompts prompts;
    private final ConversationMode conversationMode;
    private final boolean structuredOutput;
    private final DecisionParser decisionParser;
    private final RetryPolicy retryPolicy;
    private final int maxConcurrency;
    private final boolean debug;
    private final Dialogue dialogue;
    private final Retrier retrier;
    /** Whether the user built the model (not a {@link ProviderChatModel}, not a simulated policy). */
    private final boolean userBuilt;
    /** A simulated participant: its model is told the situation instead of reading it from the prompts. */
    private final boolean toldSituation;

    private LlmParticipant(Builder b, String name, BartPrompts prompts) {
        this.name = name;
        this.model = b.chatModel;
        this.prompts = prompts;
        this.conversationMode = b.conversationMode;
        this.structuredOutput = b.structuredOutput;
        this.decisionParser = b.decisionParser;
        this.retryPolicy = b.retryPolicy;
        this.maxConcurrency = b.maxConcurrency;
        this.debug = b.debug;
        this.dialogue = new Dialogue(prompts, conversationMode);
        this.toldSituation = model instanceof FakeChatModel && ((FakeChatModel) model).playsPolicy();
        this.userBuilt = !(model instanceof ProviderChatModel) && !toldSituation;
        String provider;
        String url = null;
        if (model instanceof ProviderChatModel p) {
            provider = p.backend().label();
            url = p.baseUrl();
        } else {
            provider = toldSituation ? "simulated" : "custom";
        }
        this.retrier = new Retrier(provider, modelName(), url, retryPolicy, b.sleeper, b.clock);
    }

    /** The model's name as its server knows it (a provider's model), else the participant's name. */
    private String modelName() {
        return model instanceof ProviderChatModel p ? p.modelName() : name;
    }

    /** A builder of a participant on a {@link ChatModel} you built; {@link Builder#chatModel} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int preferredConcurrency() {
        return maxConcurrency;
    }

    @Override
    public boolean sequentialBalloons() {
        return conversationMode == ConversationMode.ACROSS_BALLOONS;
    }

    @Override
    public BalloonSession open(BalloonContext context) {
        dialogue.checkPersona(context);
        return new Session(context);
    }

    @Override
    public String toString() {
        return "LlmParticipant[" + name + ", model=" + model + ", conversation=" + conversationMode.label()
                + ", structuredOutput=" + structuredOutput + ", maxConcurrency=" + maxConcurrency + ", retryPolicy="
                + retryPolicy + ", prompts=" + prompts + "]";
    }

    private final class Session implements BalloonSession {
        private final BalloonContext context;
        private final List<String> pumpAnswers = new ArrayList<>();
        /** The conversation so far (multi-turn modes), extended by one exchange per safe pump. */
        private List<ChatMessage> conversation;
        /** A simulated participant's: the characters of {@link #conversation}'s texts, kept as it grows. */
        private int conversationChars;

        Session(BalloonContext context) {
            this.context = context;
        }

        @Override
        public Answer decide(BalloonState state) {
            if (state.pumps() != pumpAnswers.size()) {
                throw new IllegalStateException("session of balloon " + context.balloonId() + " has "
                        + pumpAnswers.size() + " pumps but the task reports " + state.pumps());
            }
            List<ChatMessage> messages;
            int chars;
            if (conversationMode == ConversationMode.STATELESS) {
                messages = dialogue.decision(context, pumpAnswers, state.balloonEarnings());
                chars = toldSituation ? FakeChatModel.chars(messages) : 0;
            } else {
                if (conversation == null) {
                    conversation = dialogue.opening(context);
                    conversationChars = toldSituation ? FakeChatModel.chars(conversation) : 0;
                }
                messages = new ArrayList<>(conversation); // LangChain4j keeps a view of the list it is given
                chars = conversationChars;
            }
            ChatRequest request = request(messages, DECISION_FORMAT);
            Answer reply = ask(request, false, context.balloonId(), situation(context, state, false, chars));
            if (reply instanceof Answer.Choice choice && choice.decision() == Decision.PUMP) {
                String answer = reply.raw().strip();
                pumpAnswers.add(answer);
                if (conversation != null) {
                    UserMessage next = dialogue.afterPumpTurn(context, pumpAnswers.size());
                    conversation.add(AiMessage.from(answer));
                    conversation.add(next);
                    if (toldSituation) { // what FakeChatModel.chars counts of the two
                        conversationChars += answer.length() + next.singleText().length();
                    }
                }
            }
            return reply;
        }

        @Override
        public Answer declarePumps(BalloonState state) {
            List<ChatMessage> messages = dialogue.declaration(context);
            ChatRequest request = request(messages, PUMPS_FORMAT);
            return ask(request, true, context.balloonId(),
                    situation(context, state, true, toldSituation ? FakeChatModel.chars(messages) : 0));
        }
    }

    /**
     * Asks through the retry layer. Tokens of attempts that came back empty are added to the
     * answer's usage, so what a decision cost is complete. An answer longer than
     * {@link ChatModels.Builder#maxResponseBytes} is an invalid answer keeping its beginning.
     */
    private FakeChatModel.Situation situation(BalloonContext context, BalloonState state, boolean declaration,
                                              int requestChars) {
        return toldSituation ? new FakeChatModel.Situation(name, context, state.pumps(), state.balloonEarnings(),
                declaration, prompts.discloseRange(), requestChars) : null;
    }

    private Answer ask(ChatRequest request, boolean declaration, int balloon, FakeChatModel.Situation situation) {
        if (situation == null) {
            return ask(request, declaration, balloon);
        }
        FakeChatModel.Situation[] told = FakeChatModel.SITUATION.get();
        told[0] = situation;
        try {
            return ask(request, declaration, balloon);
        } finally {
            told[0] = null;
        }
    }

    private Answer ask(ChatRequest request, boolean declaration, int balloon) {
        Attempt attempt = new Attempt(request, declaration, balloon);
        Answer reply = retrier.call(attempt);
        return attempt.wasted == TokenUsage.UNKNOWN || attempt.wasted.equals(TokenUsage.UNKNOWN) ? reply
                : reply.withUsage(attempt.wasted.plus(reply.usage()));
    }

    /**
     * One attempt at a request, made again by the retry layer; keeps the tokens of attempts that came
     * back empty. (A class, not a lambda: it is made once per decision.)
     */
    private final class Attempt implements java.util.function.Supplier<Answer> {
        private final ChatRequest request;
        private final boolean declaration;
        private final int balloon;
        private TokenUsage wasted = TokenUsage.UNKNOWN;

        Attempt(ChatRequest request, boolean declaration, int balloon) {
            this.request = request;
            this.declaration = declaration;
            this.balloon = balloon;
        }

        @Override
        public Answer get() {
            ChatResponse response;
            try {
                response = chat(request, balloon);
            } catch (RuntimeException e) {
                ResponseTooLargeException big = ResponseTooLargeException.in(e);
                if (big == null) {
                    throw e;
                }
                return big.answer(); // an answer, just not a readable one: invalid, not retried as a failure
            }
            try {
                return interpret(response, declaration);
            } catch (EmptyCompletionException e) {
                wasted = wasted.plus(usage(response, null));
                throw e;
            }
        }
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
    private ChatResponse chat(ChatRequest request, int balloon) {
        boolean log = debug && LOG.isDebugEnabled() && !(model instanceof ProviderChatModel);
        if (log) {
            LOG.debug("{} request: {}", name, request.messages());
        }
        ChatResponse response = ModelCall.chat(model, request, name, balloon, userBuilt);
        if (log) {
            LOG.debug("{} response: {} (tokens {})", name, response.aiMessage(), response.tokenUsage());
        }
        return response;
    }

    private ChatRequest request(List<ChatMessage> messages, ResponseFormat format) {
        ChatRequest.Builder b = ChatRequest.builder().messages(messages);
        if (structuredOutput) {
            b.responseFormat(format);
        }
        return b.build();
    }

    /** The answer a response means; throws {@link EmptyCompletionException} (retried) when it has nothing at all. */
    Answer interpret(ChatResponse response, boolean declaration) {
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
                return new Answer.Invalid("empty content (reasoning only)", "", reasoning, usage);
            }
            throw new EmptyCompletionException("empty completion from model '" + modelName() + "'");
        }
        // bart-core's PumpCountParser reads the automatic task's answer (JSON {"pumps": n} included)
        Answer answer = declaration ? PumpCountParser.standard().parse(text) : parse(text);
        return answer.withReasoning(reasoning).withUsage(usage);
    }

    private Answer parse(String text) {
        DecisionParser parser = decisionParser;
        if (structuredOutput) {
            JsonNode node = readJson(text);
            if (node != null) {
                String d = node.path("decision").asText("").strip().toLowerCase(Locale.ROOT).replace(' ', '_');
                if (d.equals("pump")) {
                    return Answer.decision(Decision.PUMP, text);
                }
                if (d.equals("cash_out") || d.equals("cashout")) {
                    return Answer.decision(Decision.CASH_OUT, text);
                }
            }
        }
        return parser.parse(text);
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

    /**
     * Builds an {@link LlmParticipant} on a {@link ChatModel}: one of {@link ChatModels}' or any you
     * built. Every setting but the model has a default: the seed's prompts, one conversation per
     * balloon, plain-text answers read by {@link DecisionParser#robust()},
     * {@linkplain RetryPolicy#defaults() the default retry policy}, at most
     * {@value LlmParticipant#DEFAULT_MAX_CONCURRENCY} balloons in flight. The number of unreadable
     * answers accepted per decision is the task's ({@code Task.classic(n)}). Not thread-safe.
     */
    public static final class Builder {
        private ChatModel chatModel;
        private String name;
        private BartPrompts prompts = BartPrompts.seed();
        private final Map<String, String> personas = new LinkedHashMap<>();
        private ConversationMode conversationMode = ConversationMode.PER_BALLOON;
        private boolean structuredOutput;
        private DecisionParser decisionParser = DecisionParser.robust();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private boolean debug;

        private Builder() {
        }

        /** The model to ask. Required. */
        public Builder chatModel(ChatModel chatModel) {
            this.chatModel = Objects.requireNonNull(chatModel, "chatModel");
            return this;
        }

        /**
         * The name results are recorded under. Default: the model's name in its
         * {@code defaultRequestParameters()} (e.g. {@code gpt-4o-mini}), a {@link FakeChatModel}'s
         * policy, else {@code chat-model}.
         */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, but is "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            this.name = name;
            return this;
        }

        /** The task's texts (default {@link BartPrompts#seed()}). */
        public Builder prompts(BartPrompts prompts) {
            this.prompts = Objects.requireNonNull(prompts, "prompts");
            return this;
        }

        /** Adds personas (label to system text) on top of those of {@link #prompts}. */
        public Builder personas(Map<String, String> labelToText) {
            personas.putAll(Objects.requireNonNull(labelToText, "labelToText"));
            return this;
        }

        /** How the conversation is kept (default {@link ConversationMode#PER_BALLOON}, the seed's). */
        public Builder conversationMode(ConversationMode conversationMode) {
            this.conversationMode = Objects.requireNonNull(conversationMode, "conversationMode");
            return this;
        }

        /** Whether to ask for JSON {@code {"decision": "pump" | "cash_out"}} (default {@code false}). */
        public Builder structuredOutput(boolean structuredOutput) {
            this.structuredOutput = structuredOutput;
            return this;
        }

        /** Reads plain-text answers (default {@link DecisionParser#robust()}). */
        public Builder decisionParser(DecisionParser decisionParser) {
            this.decisionParser = Objects.requireNonNull(decisionParser, "decisionParser");
            return this;
        }

        /** How provider faults are retried (default {@link RetryPolicy#defaults()}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** How waits between retries are spent (default: {@link Thread#sleep}); tests pass one that returns. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The clock the retry policy's {@linkplain RetryPolicy#deadline() deadline} is measured by (default: the system's). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Balloons (so requests) in flight at once, {@code >= 1} (default
         * {@value LlmParticipant#DEFAULT_MAX_CONCURRENCY}): the participant's
         * {@linkplain Participant#preferredConcurrency() preferred concurrency}, kept by an Experiment
         * together with its own per-participant cap (the smaller wins). Not enforced when the
         * participant is driven outside an experiment.
         */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be >= 1, but is " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * Whether each request and answer is logged at DEBUG, for models that do not talk HTTP
         * through bart4j's client (a {@link ProviderChatModel} logs its HTTP bodies itself when
         * built with {@link ChatModels.Builder#logRequestsAndResponses}).
         */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /**
         * @throws IllegalStateException if no {@link #chatModel} was given
         * @throws IllegalArgumentException naming the parameter when a value is invalid
         */
        public LlmParticipant build() {
            if (chatModel == null) {
                throw new IllegalStateException("LlmParticipant.builder() needs a chatModel(...)");
            }
            String participantName = name != null ? name : defaultName(chatModel);
            BartPrompts finalPrompts = personas.isEmpty() ? prompts : prompts.toBuilder().personas(personas).build();
            return new LlmParticipant(this, participantName, finalPrompts);
        }
    }

    /** The name a user-built model goes by when none is given. */
    static String defaultName(ChatModel model) {
        if (model instanceof FakeChatModel fake) {
            return fake.name();
        }
        try {
            ChatRequestParameters parameters = model.defaultRequestParameters();
            if (parameters != null && parameters.modelName() != null && !parameters.modelName().isBlank()) {
                return parameters.modelName().strip();
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read the model name of {}", model.getClass().getName(), e);
        }
        return "chat-model";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
