package io.github.bart4j.examples;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.analysis.ImpliedRiskAversion;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.ChatModels;
import io.github.bart4j.langchain4j.FakeChatModel;
import io.github.bart4j.langchain4j.LlmParticipant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BART as a risk-preference evaluation, the kind of check a study that trains models toward a
 * CRRA utility needs: four persona system prompts state a utility (γ = 2 risk-averse, 1 log, 0
 * linear, −1 risk-loving), every model plays every persona on the same balloons, and for each
 * (model, persona) the example prints the implied CRRA coefficient and checks that behaviour
 * orders as the personas do (more risk-averse, fewer pumps).
 *
 * <p>Offline the "model" is a {@link FakeChatModel} whose answering function reads the persona's γ
 * from the system prompt and answers as the noise-free {@code crra:γ} agent would: a model that
 * follows its persona perfectly. With {@code --config FILE} the config's models are asked.
 */
public final class PersonasExample implements Example {

    /** A persona: its label (recorded in the result files), its CRRA coefficient and its system prompt. */
    record Persona(String label, double gamma, String prompt) {
        Persona(String label, int gamma, String formula, String attitude) {
            this(label, gamma, attitude + ". Your utility of wealth x is the CRRA utility with coefficient gamma = "
                    + gamma + ", " + formula + ". Your wealth before each balloon is $1.00; a balloon adds what you"
                    + " cash out. Make every choice to maximise your expected utility.");
        }
    }

    /** The four personas, from the most to the least risk-averse. */
    static final List<Persona> PERSONAS = List.of(
            new Persona("risk-averse", 2, "u(x) = -1/x", "You are risk-averse"),
            new Persona("log-utility", 1, "u(x) = ln(x)", "You have logarithmic utility"),
            new Persona("risk-neutral", 0, "u(x) = x", "You are risk-neutral: you maximise expected money"),
            new Persona("risk-loving", -1, "u(x) = x^2 / 2", "You are risk-loving"));

    /** Label to prompt, as {@link LlmParticipant.Builder#personas} takes them; bart4j puts the prompt before the rules. */
    static Map<String, String> personaPrompts() {
        Map<String, String> prompts = new LinkedHashMap<>();
        PERSONAS.forEach(p -> prompts.put(p.label(), p.prompt()));
        return prompts;
    }

    /** Schedule shared by every (model, persona): the seed's task, 30 balloons. */
    static final Schedule SCHEDULE = Schedule.uniform(1, 20, 30, 0.10, 42);

    @Override
    public int run(Context ctx) {
        Optional<Path> config = ExampleModels.configFile(ctx.args());
        List<Participant> models = config.isPresent()
                ? ExampleModels.withPersonas(config.get(), ctx.env(), personaPrompts())
                : List.of(personaFollower());

        // Every model under every persona: one arm per (model, persona).
        Experiment.Builder experiment = Experiment.builder().schedule(SCHEDULE);
        for (Participant model : models) {
            PERSONAS.forEach(persona -> experiment.participant(model, persona.label()));
        }
        ExperimentResult result = experiment.build().run();
        return report(result.results(), models, ctx);
    }

    /**
     * The offline model: a fake chat model that plays {@code crra:γ} for the γ its persona states.
     * A real model reads the same prompt; this one is perfectly obedient, so the check must pass.
     */
    static Participant personaFollower() {
        Map<String, ChatModel> agents = new ConcurrentHashMap<>(); // requests arrive from several threads
        Pattern gammaInPrompt = Pattern.compile("coefficient gamma = (-?\\d+)");
        ChatModel follower = FakeChatModel.answering((ChatRequest request) -> {
            Matcher m = gammaInPrompt.matcher(systemText(request));
            String spec = "crra:" + (m.find() ? m.group(1) : "0"); // no persona: risk-neutral
            // ChatModels.simulated(spec, seed) reads the balloon, pumps and rules from the same messages.
            ChatModel agent = agents.computeIfAbsent(spec, s -> ChatModels.simulated(s, 0L));
            return agent.chat(request).aiMessage().text();
        });
        return LlmParticipant.builder().chatModel(follower).name("persona-follower").personas(personaPrompts()).build();
    }

    private static String systemText(ChatRequest request) {
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s) {
                return s.text();
            }
        }
        return "";
    }

    private int report(List<BalloonResult> results, List<Participant> models, Context ctx) {
        List<Summary> rows = Statistics.summarize(results);
        ctx.out().printf("%-24s %-13s %7s %10s %10s %12s%n", "model", "persona", "stated", "adj pumps", "burst rate",
                "implied γ");
        boolean allOrdered = true;
        for (Participant model : models) {
            List<Double> pumps = new ArrayList<>();
            for (Persona persona : PERSONAS) {
                Summary s = rows.stream().filter(r -> r.participant().equals(model.name())
                        && r.persona().equals(persona.label()) && r.balloonType().isEmpty()).findFirst().orElseThrow();
                ImpliedRiskAversion implied = impliedGamma(results, model.name(), persona.label());
                ctx.out().printf(Locale.ROOT, "%-24s %-13s %7.0f %10.2f %10.2f %6.2f [%.2f, %.2f] %s%n", model.name(),
                        persona.label(), persona.gamma(), s.adjustedPumps(), s.burstRate(), implied.gamma(),
                        implied.lower(), implied.upper(), implied.riskClass());
                pumps.add(s.adjustedPumps());
            }
            // Risk aversion falls along PERSONAS, so pumps must rise strictly.
            boolean ordered = true;
            for (int i = 1; i < pumps.size(); i++) {
                ordered &= pumps.get(i) > pumps.get(i - 1);
            }
            allOrdered &= ordered;
            ctx.out().printf("%s: behaviour %s the personas (adjusted pumps %s)%n", model.name(),
                    ordered ? "orders as" : "does NOT order as", pumps);
        }
        ctx.out().println(allOrdered ? "check passed: every model orders as its personas"
                : "check failed: some model does not follow its personas' risk preferences");
        return 0; // a model that ignores its persona is a finding, not an error of the example
    }

    /**
     * The CRRA coefficient that best explains one (model, persona)'s choices, with its 95% interval:
     * bart-core's {@link ImpliedRiskAversion} (a noisy expected-utility choice model fitted by
     * likelihood; burst balloons count as "wanted at least that many pumps").
     */
    static ImpliedRiskAversion impliedGamma(List<BalloonResult> results, String model, String persona) {
        return ImpliedRiskAversion.estimate(results.stream()
                .filter(r -> r.participant().equals(model) && r.persona().equals(persona)).toList());
    }

    @Override
    public String name() {
        return "personas";
    }

    @Override
    public List<Argument> arguments() {
        return List.of(Argument.config());
    }

    @Override
    public String description() {
        return "risk-preference evaluation: four CRRA personas, implied gamma per persona, and an ordering check";
    }

    public static void main(String[] args) {
        System.exit(new PersonasExample().run(Context.system(args)));
    }
}
