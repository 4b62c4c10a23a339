package io.github.bart4j.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ChatModel} for tests and simulations: it answers without a network, through the same
 * {@code chat()} path as a real model (it overrides {@code doChat}, so listeners fire and default
 * parameters are merged). Thread-safe.
 *
 * <p>It answers in one of three ways:
 * <ul>
 *   <li><b>scripted replies</b>: the i-th call gets the i-th reply; when the list is used up it
 *       either starts again ({@link Builder#cycle(boolean) cycle}) or, by default, fails with an
 *       {@link IllegalStateException};</li>
 *   <li><b>a function</b> of the {@link ChatRequest};</li>
 *   <li><b>a BART policy</b> given as a spec ({@code fixed:K}, {@code random:P}, {@code crra:G},
 *       {@code ev-optimal}; see {@link ScriptedParticipants#parse}). It reads the situation from
 *       the messages written with bart4j's default prompts ({@link BartPrompts#seed()}) in every
 *       {@link ConversationMode}: the balloon id from the last {@code "Balloon #n"} user message;
 *       the pumps so far from that message's {@code "Pumps so far: k"} (stateless) or from the
 *       number of later user messages containing {@code "did NOT burst"}; the type from
 *       {@code "This is a T balloon"}; the reward ({@code "earns you $r"}) and the burst range
 *       ({@code "from a..b"}) from the system message, or the assumed ones
 *       ({@link Builder#assumedRange}, default $0.10 and 1..20) when they are not disclosed. A
 *       {@code random:P} policy draws once per (seed, balloon, pumps so far), so its answer depends
 *       only on the request. Behind a participant of the {@code simulated} backend the model is
 *       told the situation directly instead (participant, persona, epoch, balloon, pumps so far;
 *       the prompts are still rendered and its answer parsed), and every draw depends on the seed,
 *       participant, persona, epoch, balloon and pumps so far. A request asking for JSON gets {@code {"decision": "pump"}}
 *       or {@code {"decision": "cash_out"}}, otherwise {@code Pump} / {@code Cash Out}. The automatic
 *       task's question ("How many times ...") gets the policy's number of pumps.</li>
 * </ul>
 * Token usage is estimated as {@code ceil(chars / 4)} of all request messages (input) and of the
 * reply (output). Failures can be injected: {@link Builder#failOnCall(int, RuntimeException)} throws
 * the given exception on that call instead of answering.
 *
 * <pre>{@code
 * FakeChatModel model = FakeChatModel.policy("fixed:3");
 * FakeChatModel script = FakeChatModel.replying("Pump", "Pump", "Cash Out");
 * }</pre>
 */
public final class FakeChatModel implements ChatModel {

    private static final Pattern BALLOON = Pattern.compile("Balloon #(\\d+)");
    private static final Pattern PUMPS_SO_FAR = Pattern.compile("Pumps so far: (\\d+)");
    private static final Pattern TYPE = Pattern.compile("This is an? (\\S+) balloon");
    private static final Pattern REWARD = Pattern.compile("earns you \\$(\\d+(?:\\.\\d+)?)");
    private static final Pattern RANGE = Pattern.compile("from (\\d+)\\s*\\.\\.\\s*(\\d+)");

    private final List<String> replies;
    private final boolean cycle;
    private final Function<ChatRequest, String> function;
    private final String policySpec;
    private final Participant policy;
    private final double randomP;
    private final long seed;
    private final double assumedReward;
    private final int assumedMin;
    private final int assumedMax;
    private final Map<Integer, RuntimeException> failures;
    private final String thinking;
    private final List<ChatModelListener> listeners;
    private final String modelName;
    private final boolean recordRequests;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    private FakeChatModel(Builder b) {
        this.replies = List.copyOf(b.replies);
        this.cycle = b.cycle;
        this.function = b.function;
        this.policySpec = b.policySpec;
        this.seed = b.seed;
        if (b.policySpec != null) {
            this.policy = ScriptedParticipants.parse(b.policySpec, b.seed);
            this.randomP = policy.name().startsWith("random:")
                    ? Double.parseDouble(b.policySpec.substring(b.policySpec.indexOf(':') + 1).strip()) : -1;
        } else {
            this.policy = null;
            this.randomP = -1;
        }
        this.assumedReward = b.assumedReward;
        this.assumedMin = b.assumedMin;
        this.assumedMax = b.assumedMax;
        this.failures = Map.copyOf(b.failures);
        this.thinking = b.thinking;
        this.listeners = List.copyOf(b.listeners);
        this.modelName = b.modelName;
        this.recordRequests = b.recordRequests;
    }

    /** Answers {@code replies} in order and fails when they are used up. */
    public static FakeChatModel replying(String... replies) {
        return builder().replies(List.of(replies)).build();
    }

    /** Answers {@code replies} in order, starting again after the last. */
    public static FakeChatModel cycling(String... replies) {
        return builder().replies(List.of(replies)).cycle(true).build();
    }

    /** Answers what {@code function} returns for each request. */
    public static FakeChatModel answering(Function<ChatRequest, String> function) {
        return builder().answering(function).build();
    }

    /** Plays the BART policy {@code spec} (seed 0 for random policies). */
    public static FakeChatModel policy(String spec) {
        return builder().policy(spec, 0L).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many times {@code chat} reached this model (failed calls included). */
    public int calls() {
        return calls.get();
    }

    /** Every request received, in order (empty when {@linkplain Builder#recordRequests recording} is off). */
    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** The last request received. */
    public ChatRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("FakeChatModel has recorded no request"
                    + (recordRequests ? " yet" : " (recording is off)"));
        }
        return requests.get(requests.size() - 1);
    }

    /** The name this model answers under: the builder's model name, else the policy, else {@code fake}. */
    String name() {
        return modelName != null ? modelName : policySpec != null ? policySpec : "fake";
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        int call = calls.incrementAndGet();
        if (recordRequests) {
            requests.add(request);
        }
        RuntimeException failure = failures.get(call);
        if (failure != null) {
            throw failure;
        }
        String text;
        Situation situation = null;
        if (function != null) {
            text = function.apply(request);
        } else if (policy != null) {
            situation = SITUATION.get()[0];
            text = situation != null ? policyAnswer(situation, isJson(request)) : policyAnswer(request);
        } else {
            if (replies.isEmpty() || (!cycle && call > replies.size())) {
                throw new IllegalStateException("FakeChatModel: the " + replies.size()
                        + " scripted replies are used up (call " + call + ")");
            }
            text = replies.get((call - 1) % replies.size());
        }
        int in = situation != null ? situation.requestChars() : chars(request.messages());
        int out = text == null ? 0 : text.length();
        return ChatResponse.builder()
                .aiMessage(AiMessage.builder().text(text).thinking(thinking).build())
                .tokenUsage(new TokenUsage((in + 3) / 4, (out + 3) / 4))
                .finishReason(FinishReason.STOP)
                .modelName(name())
                .build();
    }

    /**
     * What a simulated participant knows about the decision it asks for; set by
     * {@link LlmParticipant} on the calling thread around {@code chat()}, so the policy needs not
     * read it back from the prompt text. {@code requestChars} is {@link #chars} of the request's
     * messages, which the participant keeps as its conversation grows (so the input tokens are
     * counted without reading every message again).
     */
    record Situation(String participant, BalloonContext context, int pumps, double balloonEarnings,
                     boolean declaration, boolean rangeDisclosed, int requestChars) {
    }

    /** The characters of the messages' texts, from which the input tokens are estimated. */
    static int chars(List<ChatMessage> messages) {
        int in = 0;
        for (ChatMessage m : messages) {
            in += textOf(m).length();
        }
        return in;
    }

    private static boolean isJson(ChatRequest request) {
        return request.responseFormat() != null && request.responseFormat().type() == ResponseFormatType.JSON;
    }

    /** The situation told on this thread, in a holder (telling costs no {@code ThreadLocal} set and remove). */
    static final ThreadLocal<Situation[]> SITUATION = ThreadLocal.withInitial(() -> new Situation[1]);

    /** Whether this model plays a BART policy (and so can be told the {@link Situation}). */
    boolean playsPolicy() {
        return policy != null && function == null;
    }

    private String policyAnswer(Situation s, boolean json) {
        BalloonContext real = s.context();
        // what the prompts told it: the burst range and rules only when disclosed
        BalloonContext c = new BalloonContext(real.balloonId(), real.type(), real.rewardPerPump(),
                s.rangeDisclosed() ? real.minPumps() : assumedMin, s.rangeDisclosed() ? real.maxPumps() : assumedMax,
                0.0, real.epoch(), real.persona(), 1, List.of(),
                s.rangeDisclosed() ? real.rules() : io.github.bart4j.core.Rules.classic());
        if (s.declaration()) {
            return declared(policy.open(c).declarePumps(new BalloonState(0, 0.0, 0, null)), json);
        }
        boolean pump;
        if (randomP >= 0) {
            long h = seed;
            h = h * 0x9E3779B97F4A7C15L + s.participant().hashCode();
            h = h * 0x9E3779B97F4A7C15L + c.persona().hashCode();
            h = h * 0x9E3779B97F4A7C15L + c.epoch();
            h = h * 0x9E3779B97F4A7C15L + c.balloonId();
            h = h * 0x9E3779B97F4A7C15L + s.pumps();
            pump = new SplittableRandom(h).nextDouble() < randomP;
        } else {
            Answer a = policy.open(c).decide(new BalloonState(s.pumps(), s.balloonEarnings(), 0, null));
            pump = a instanceof Answer.Choice choice && choice.decision() == Decision.PUMP;
        }
        if (json) {
            return pump ? "{\"decision\": \"pump\"}" : "{\"decision\": \"cash_out\"}";
        }
        return pump ? "Pump" : "Cash Out";
    }

    private String policyAnswer(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        String system = "";
        int last = -1;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m instanceof SystemMessage && system.isEmpty()) {
                system = ((SystemMessage) m).text();
            } else if (m instanceof UserMessage && BALLOON.matcher(textOf(m)).find()) {
                last = i;
            }
        }
        if (last < 0) {
            throw new IllegalStateException("FakeChatModel: no user message names the balloon ('Balloon #n')");
        }
        String turn = textOf(messages.get(last));
        Matcher bm = BALLOON.matcher(turn);
        bm.find();
        int balloon = Integer.parseInt(bm.group(1));
        int pumps = 0;
        Matcher pm = PUMPS_SO_FAR.matcher(turn);
        if (pm.find()) {
            pumps = Integer.parseInt(pm.group(1));
        } else {
            for (int i = last + 1; i < messages.size(); i++) {
                if (messages.get(i) instanceof UserMessage && textOf(messages.get(i)).contains("did NOT burst")) {
                    pumps++;
                }
            }
        }
        Matcher tm = TYPE.matcher(turn);
        String type = tm.find() ? tm.group(1) : "";
        Matcher rm = REWARD.matcher(system);
        double reward = rm.find() ? Double.parseDouble(rm.group(1)) : assumedReward;
        Matcher gm = RANGE.matcher(system);
        int min = assumedMin;
        int max = assumedMax;
        if (gm.find()) {
            min = Integer.parseInt(gm.group(1));
            max = Integer.parseInt(gm.group(2));
        }
        BalloonContext context = new BalloonContext(balloon, type, reward, min, max, 0.0, 1, "", 1, List.of());
        boolean json = isJson(request);
        if (turn.contains("How many times")) {
            return declared(policy.open(context).declarePumps(new BalloonState(0, 0.0, 0, null)), json);
        }
        boolean pump;
        if (randomP >= 0) {
            long h = seed;
            h = h * 0x9E3779B97F4A7C15L + balloon;
            h = h * 0x9E3779B97F4A7C15L + pumps;
            pump = new SplittableRandom(h).nextDouble() < randomP;
        } else {
            Answer r = policy.open(context).decide(new BalloonState(pumps, Money.round2(pumps * reward), 0, null));
            pump = r instanceof Answer.Choice choice && choice.decision() == Decision.PUMP;
        }
        if (json) {
            return pump ? "{\"decision\": \"pump\"}" : "{\"decision\": \"cash_out\"}";
        }
        return pump ? "Pump" : "Cash Out";
    }

    /** A scripted policy's declaration as the text a model would send. */
    private static String declared(Answer answer, boolean json) {
        int pumps = ((Answer.PumpCount) answer).pumps(); // scripted policies always declare a count
        return json ? "{\"pumps\": " + pumps + "}" : Integer.toString(pumps);
    }

    static String textOf(ChatMessage m) {
        if (m instanceof SystemMessage) {
            return ((SystemMessage) m).text();
        }
        if (m instanceof UserMessage) {
            UserMessage u = (UserMessage) m;
            return u.hasSingleText() ? u.singleText() : u.toString();
        }
        if (m instanceof AiMessage) {
            String t = ((AiMessage) m).text();
            return t == null ? "" : t;
        }
        return String.valueOf(m);
    }

    @Override
    public String toString() {
        return "FakeChatModel[" + (policySpec != null ? "policy " + policySpec
                : function != null ? "function" : replies.size() + " replies" + (cycle ? ", cycling" : "")) + "]";
    }

    /** Builds a {@link FakeChatModel}. Exactly one of replies, function or policy must be set. */
    public static final class Builder {
        private final List<String> replies = new ArrayList<>();
        private boolean cycle;
        private Function<ChatRequest, String> function;
        private String policySpec;
        private long seed;
        private double assumedReward = 0.10;
        private int assumedMin = 1;
        private int assumedMax = 20;
        private final Map<Integer, RuntimeException> failures = new HashMap<>();
        private String thinking;
        private final List<ChatModelListener> listeners = new ArrayList<>();
        private String modelName;
        private boolean recordRequests = true;

        private Builder() {
        }

        /** Scripted replies, answered in order. */
        public Builder replies(List<String> replies) {
            this.replies.addAll(replies);
            return this;
        }

        /** Whether scripted replies start again after the last one (default: fail when used up). */
        public Builder cycle(boolean cycle) {
            this.cycle = cycle;
            return this;
        }

        public Builder answering(Function<ChatRequest, String> function) {
            this.function = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * A BART policy spec (see {@link ScriptedParticipants#parse(String, long)}).
         *
         * @throws IllegalArgumentException if the spec is not a policy
         */
        public Builder policy(String spec, long seed) {
            ScriptedParticipants.parse(spec, seed);
            this.policySpec = spec;
            this.seed = seed;
            return this;
        }

        /** Reward and burst range assumed when the system message does not state them. */
        public Builder assumedRange(double reward, int min, int max) {
            this.assumedReward = reward;
            this.assumedMin = min;
            this.assumedMax = max;
            return this;
        }

        /** Throws {@code failure} on call number {@code call} (1-based) instead of answering. */
        public Builder failOnCall(int call, RuntimeException failure) {
            if (call < 1) {
                throw new IllegalArgumentException("failOnCall needs call >= 1, but is: " + call);
            }
            failures.put(call, Objects.requireNonNull(failure, "failure"));
            return this;
        }

        /** Reasoning text returned with every answer ({@code AiMessage.thinking()}). */
        public Builder thinking(String thinking) {
            this.thinking = thinking;
            return this;
        }

        public Builder listeners(List<ChatModelListener> listeners) {
            this.listeners.addAll(listeners);
            return this;
        }

        /** The model name reported in responses. */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Whether {@link FakeChatModel#requests()} keeps every request (default {@code true}; turn it
         * off for long simulations).
         */
        public Builder recordRequests(boolean recordRequests) {
            this.recordRequests = recordRequests;
            return this;
        }

        /** @throws IllegalArgumentException unless exactly one of replies, function or policy is set */
        public FakeChatModel build() {
            int ways = (replies.isEmpty() ? 0 : 1) + (function == null ? 0 : 1) + (policySpec == null ? 0 : 1);
            if (ways != 1) {
                throw new IllegalArgumentException("FakeChatModel needs exactly one of replies, a function or a"
                        + " policy, but has " + ways);
            }
            return new FakeChatModel(this);
        }
    }
}
