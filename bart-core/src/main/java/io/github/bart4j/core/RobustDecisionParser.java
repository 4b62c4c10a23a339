package io.github.bart4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The default parser for real model output ({@link DecisionParser#robust()}). All of its rules are
 * listed here.
 *
 * <h2>Outcome</h2>
 * The <b>first decision stated</b> in the answer wins; whatever follows it (explanations, an echo of
 * the prompt, imagined later turns) is ignored. When no decision is stated the answer is invalid
 * with a short reason. The parser never guesses: text it cannot read plainly is invalid.
 *
 * <h2>Before reading</h2>
 * <ul>
 * <li>A blank answer (or {@code null}) is invalid: "empty answer".</li>
 * <li>Reasoning in {@code <think>...</think>} (or {@code <thinking>}) is skipped when text follows
 *     it.</li>
 * <li><b>JSON</b>: if the answer holds a JSON object (alone, in a code fence or inside other text;
 *     single quotes and unquoted names are accepted) with a field {@code decision}, {@code action},
 *     {@code choice} or {@code answer} (any case), the first such field alone decides: its value must
 *     be text that is one decision word ({@code "pump"}, {@code "cash_out"}, {@code "Cash Out"},
 *     {@code "inflate"}, ...) or that the text rules below read as a decision ("I will pump");
 *     otherwise the answer is invalid. Other JSON is read as text.</li>
 * </ul>
 *
 * <h2>Reading text</h2>
 * <ol>
 * <li>Case is ignored. Markdown ({@code * _ # ` ~ >}), quotes and other symbols are dropped;
 *     {@code -} and {@code _} inside words separate them ({@code cash-out} and {@code cash_out} read
 *     "cash out"); {@code /} and {@code |} read "or", {@code &} reads "and".</li>
 * <li>The text is cut into sentences at {@code . ! ? ;} and line breaks ("vs.", "e.g.", "etc." do
 *     not end a sentence), and sentences into clauses at {@code , : ( ) [ ] { } < >}, dashes and a
 *     free-standing {@code -}.</li>
 * <li><b>Decision words</b>: pump: "pump", "pumping", "inflate", "inflating"; cash out: "cash out",
 *     "cashout", "cashing out", "collect", "bank", "stop" (and "collecting", "banking", "stopping"),
 *     "stop pumping". Other forms ("pumps", "pumped", "cashed out", "stops", ...) are mentions that
 *     never decide.</li>
 * <li>A decision word is <b>not</b> a decision when it is
 *     <ul>
 *     <li>in a sentence ending with {@code ?} (a question, e.g. an echoed prompt);</li>
 *     <li>one of two options offered: decision words joined by "or", "nor", "vs", "/" (or by "and"
 *         when they are opposite), as in "Respond with 'Pump' or 'Cash Out'" or "Pump/Cash Out";</li>
 *     <li>preceded in its clause by any word outside a small vocabulary of commitment (I, we, will,
 *         'll, would, should, choose, decide, pick, want, going, to, let's, keep, continue, my, final,
 *         decision, answer, is, time, best, not, don't, ...). The clause is read back only to the
 *         nearest "so", "and", "but", "then", "therefore", "thus", "hence", "ok". So "I choose to
 *         pump" and "The risk is high, so I'll cash out" decide; "The AI will keep pumping", "If I
 *         pump", "rather than cash out", "I could cash out" do not;</li>
 *     <li>a label: directly followed by {@code :} ("Pump: too risky");</li>
 *     <li>the second step of a plan: after "then" that follows another decision word in the same
 *         sentence ("Pump until $0.50, then cash out");</li>
 *     <li>followed by a word that makes it a noun or a subject ("Pumping is risky", "the pump
 *         count", "Cash out seems wise") or, within three words, by "if", "unless", "when" (a
 *         conditional plan: "I will pump if the earnings stay low");</li>
 *     <li>alone at the start of its clause (no commitment word before it) and followed by anything
 *         but a word fit for a command ("Pump again", "Cash out now", "Pump it" decide);</li>
 *     <li>after "would", "I'd" or "could" in a sentence that earlier says "if", "unless" or "were"
 *         (a hypothetical: "If this were real, I'd cash out").</li>
 *     </ul></li>
 * <li><b>Negation</b>: "not", "never", "don't", "won't", "wouldn't", "shouldn't", "doesn't" among the
 *     words before the decision word, or "no" / "no more" right before it, flips the decision ("I will
 *     not pump" and "Don't inflate" are cash out, "I won't cash out yet" is pump), but only when the
 *     clause plainly stops there: every word after it must be filler ("again", "anymore", "now",
 *     "yet", "this balloon", ...). "I don't want to pump too much" decides nothing.</li>
 * </ol>
 *
 * <p>Invalid reasons: "empty answer"; "both options offered, no choice made"; "pump/cash out
 * mentioned but no decision stated"; "decision words only in a question"; "no decision word (pump or
 * cash out)"; "JSON field '...' is '...', expected pump or cash_out".
 *
 * <p>The parser is stateless and thread-safe. It reads the text once, left to right, with set
 * look-ups only (no regular expressions, so no backtracking), and stops at the first decision.
 */
final class RobustDecisionParser implements DecisionParser {

    public static final RobustDecisionParser INSTANCE = new RobustDecisionParser();

    static final String EMPTY = "empty answer";
    static final String OFFERED = "both options offered, no choice made";
    static final String QUESTION = "decision words only in a question";
    static final String MENTIONED = "pump/cash out mentioned but no decision stated";
    static final String NO_WORD = "no decision word (pump or cash out)";

    private static final Set<String> JSON_FIELDS = Set.of("decision", "action", "choice", "answer");

    /** Clause boundary markers inside a sentence's token list (never words). */
    private static final String BREAK = ",";
    private static final String COLON = ":";

    private static final Set<String> CUT = Set.of("so", "therefore", "thus", "hence", "and", "but", "then", "ok",
            "okay");

    /** Words that may stand before a decision word without committing to anything. */
    private static final Set<String> LEAD = Set.of("ok", "okay", "alright", "well", "so", "then", "now", "yes",
            "yeah", "sure", "fine", "right", "therefore", "thus", "hence", "and", "but", "hmm", "final", "decision",
            "answer", "choice", "move", "action", "response", "call", "my", "our", "the", "is", "next");

    /** The vocabulary of commitment: a decision word preceded only by these words is a decision. */
    private static final Set<String> PREFIX = union(LEAD, Set.of("i", "we", "i'll", "we'll", "i'm", "we're",
            "i've", "we've", "i'd", "we'd", "im", "let's", "lets", "let", "me", "us", "will", "shall", "would",
            "should", "must", "am", "are", "be", "going", "gonna", "to", "want", "wanna", "like", "choose", "chose",
            "choosing", "decide", "decided", "deciding", "have", "opt", "elect", "prefer", "need", "plan", "go",
            "ahead", "continue", "keep", "say", "with", "think", "guess", "believe", "rather", "also", "just",
            "definitely", "simply", "safely", "carefully", "cautiously", "again", "here", "it's", "time", "better",
            "best", "safer", "safest", "wise", "wiser", "wisest", "option", "pick", "picking", "select",
            "do", "one", "more", "not", "never", "no", "don't", "dont", "won't",
            "wont", "wouldn't", "shouldn't", "doesn't"));

    private static final Set<String> NEGATION = Set.of("not", "never", "don't", "dont", "won't", "wont",
            "wouldn't", "shouldn't", "doesn't");

    /** Words a command may go on with ("Pump again", "Cash out now"). */
    private static final Set<String> COMMAND_TAIL = Set.of("again", "once", "one", "more", "now", "it", "the",
            "this", "that", "my", "our", "all", "here", "please", "immediately", "right", "then", "and", "to", "for",
            "with", "at", "i", "we", "anyway", "instead", "already", "today", "balloon", "earnings", "money",
            "winnings", "yet", "time", "safely", "carefully");

    /** Words after which the decision word is a noun or a subject, not a decision. */
    private static final Set<String> NOUN_TAIL = Set.of("is", "was", "were", "would", "could", "will", "may",
            "might", "can", "seems", "seem", "has", "had", "carries", "gives", "means", "increases", "raises",
            "risks", "adds", "leads", "makes", "results", "offers", "provides", "becomes", "remains", "involves",
            "count", "counts", "number", "option", "options", "button", "buttons", "strategy", "approach", "rate",
            "probability", "risk", "s", "'s", "of");

    private static final Set<String> CONDITIONAL = Set.of("if", "unless", "when", "whenever");
    private static final Set<String> HYPOTHETICAL_CUE = Set.of("if", "unless", "were", "suppose", "hypothetically");
    private static final Set<String> HEDGE = Set.of("would", "i'd", "we'd", "could", "wouldn't");

    /** What may follow a negated decision word when the answer plainly stops. */
    private static final Set<String> NEGATION_TAIL = Set.of("again", "anymore", "any", "more", "further", "now",
            "it", "the", "this", "balloon", "here", "then", "yet", "longer", "please", "today", "at", "all", "time",
            "round", "one", "once", "for", "right", "away");

    private static final Set<String> OFFER_GAP = Set.of("or", "nor", "vs", "versus", "and", "either", "neither",
            "not", "to", "i", "should", "will", BREAK);
    private static final Set<String> OFFER_JOIN = Set.of("or", "nor", "vs", "versus");

    private enum Form { BASE, GERUND, OTHER }

    private record Mention(Decision decision, Form form, int start, int end) {
    }

    private RobustDecisionParser() {
    }

    @Override
    public Answer parse(String answer) {
        String raw = answer;
        if (answer == null || answer.isBlank()) {
            return Answer.invalid(EMPTY, raw);
        }
        Decision plain = plainAnswer(answer);
        if (plain != null) {
            return Answer.decision(plain, raw);
        }
        int thought = answer.lastIndexOf("</think");
        if (thought >= 0) {
            int close = answer.indexOf('>', thought);
            String after = close < 0 ? "" : answer.substring(close + 1);
            if (!after.isBlank()) {
                answer = after;
            }
        }
        Answer fromJson = parseJson(answer, raw);
        if (fromJson != null) {
            return fromJson;
        }
        Scan scan = new Scan(answer.toLowerCase(Locale.ROOT));
        Decision decision = scan.run();
        return decision != null ? Answer.decision(decision, raw) : Answer.invalid(scan.invalidReason(), raw);
    }

    /**
     * The decision of an answer that is exactly "pump" or "cash out" (any case, nothing around it),
     * the form most answers take, or {@code null}: the rules below read these two the same way, so
     * this only saves the scan.
     */
    private static Decision plainAnswer(String answer) {
        if (asciiEqualsIgnoreCase(answer, "pump")) {
            return Decision.PUMP;
        }
        if (asciiEqualsIgnoreCase(answer, "cash out")) {
            return Decision.CASH_OUT;
        }
        return null;
    }

    /** {@code text} equals {@code lower} with only ASCII A-Z taken as a-z (unlike equalsIgnoreCase: "ſ" is no "s"). */
    private static boolean asciiEqualsIgnoreCase(String text, String lower) {
        if (text.length() != lower.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- JSON

    private static Answer parseJson(String answer, String raw) {
        JsonNode node = EmbeddedJson.object(answer);
        if (node == null) {
            return null;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!JSON_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            JsonNode value = field.getValue();
            Decision decision = null;
            if (value.isTextual()) {
                decision = exactDecisionWord(value.asText());
                if (decision == null) {
                    decision = new Scan(value.asText().toLowerCase(Locale.ROOT)).run();
                }
            }
            if (decision == null) {
                return Answer.invalid("JSON field '" + field.getKey() + "' is '" + abbreviate(value.toString())
                        + "', expected pump or cash_out", raw);
            }
            return Answer.decision(decision, raw);
        }
        return null;
    }

    /** The decision when {@code value} is exactly one decision word (ignoring case, space, _ and -). */
    private static Decision exactDecisionWord(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = Character.toLowerCase(value.charAt(i));
            if (Character.isLetter(c)) {
                b.append(c);
            } else if ((c == ' ' || c == '_' || c == '-') && b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                b.append(' ');
            }
        }
        String word = b.toString().strip();
        return switch (word) {
            case "pump", "inflate" -> Decision.PUMP;
            case "cash out", "cashout", "collect", "bank", "stop" -> Decision.CASH_OUT;
            default -> null;
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    // ---------------------------------------------------------------- text

    /** One left-to-right reading of an answer; stops at the first decision. */
    private static final class Scan {
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean sawMention;
        private boolean sawOffer;
        private boolean sawQuestion;
        private Decision found;

        Scan(String lowerCaseText) {
            this.text = lowerCaseText;
        }

        /** The first decision stated, or {@code null} (then {@link #invalidReason()} says why). */
        Decision run() {
            int n = text.length();
            for (int i = 0; i < n && found == null; i++) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    word.append(c);
                } else if (c == '\'' || c == '\u2019' || c == '\u2018') {
                    if (word.length() > 0 && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                        word.append('\'');
                    } else {
                        flushWord();
                    }
                } else if (c == '.' && i > 0 && i + 1 < n && Character.isDigit(text.charAt(i - 1))
                        && Character.isDigit(text.charAt(i + 1))) {
                    word.append('.');
                } else if (c == '.' && isAbbreviation(i)) {
                    flushWord();
                } else if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r') {
                    flushWord();
                    endSentence(c == '?');
                } else if (c == ':') {
                    flushWord();
                    tokens.add(COLON);
                } else if (c == '-' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                        && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))) {
                    flushWord();
                    tokens.add(BREAK);
                } else if (c == ',' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{'
                        || c == '}' || c == '<' || c == '>' || c == '\u2014' || c == '\u2013' || c == '\u2026') {
                    flushWord();
                    tokens.add(BREAK);
                } else if (c == '/' || c == '|') {
                    flushWord();
                    tokens.add("or");
                } else if (c == '&') {
                    flushWord();
                    tokens.add("and");
                } else {
                    flushWord();
                }
            }
            if (found == null) {
                flushWord();
                endSentence(false);
            }
            return found;
        }

        /** Why {@link #run()} found no decision. */
        String invalidReason() {
            if (sawOffer) {
                return OFFERED;
            }
            if (sawMention) {
                return MENTIONED;
            }
            if (sawQuestion) {
                return QUESTION;
            }
            return NO_WORD;
        }

        /** "vs.", "e.g.", "i.e.", "etc." do not end a sentence. */
        private boolean isAbbreviation(int dot) {
            int len = word.length();
            if (len == 1) {
                return (dot + 1 < text.length() && Character.isLetter(text.charAt(dot + 1)))
                        || (dot >= 2 && text.charAt(dot - 2) == '.');
            }
            return "vs".contentEquals(word) || "etc".contentEquals(word);
        }

        private void flushWord() {
            if (word.length() > 0) {
                tokens.add(word.toString());
                word.setLength(0);
            }
        }

        private void endSentence(boolean question) {
            if (!tokens.isEmpty()) {
                found = evaluate(tokens, question);
                tokens.clear();
            }
        }

        private Decision evaluate(List<String> t, boolean question) {
            List<Mention> mentions = mentions(t);
            if (mentions.isEmpty()) {
                return null;
            }
            if (question) {
                sawQuestion = true;
                return null;
            }
            boolean[] offered = new boolean[mentions.size()];
            for (int k = 0; k + 1 < mentions.size(); k++) {
                if (isOffer(t, mentions.get(k), mentions.get(k + 1))) {
                    offered[k] = true;
                    offered[k + 1] = true;
                }
            }
            for (int k = 0; k < mentions.size(); k++) {
                Mention m = mentions.get(k);
                if (offered[k]) {
                    sawOffer = true;
                    continue;
                }
                int limit = k + 1 < mentions.size() ? mentions.get(k + 1).start() : t.size();
                int floor = k > 0 ? mentions.get(k - 1).end() : 0;
                Decision d = decide(t, m, floor, limit);
                if (d != null) {
                    return d;
                }
                sawMention = true;
            }
            return null;
        }

        private static Decision decide(List<String> t, Mention m, int floor, int limit) {
            if (m.form() == Form.OTHER) {
                return null;
            }
            int from = m.start();
            while (from > floor) {
                String w = t.get(from - 1);
                if (isBreak(w) || CUT.contains(w)) {
                    break;
                }
                from--;
            }
            boolean standalone = true;
            boolean negated = false;
            boolean hedged = false;
            for (int i = from; i < m.start(); i++) {
                String w = t.get(i);
                if (!PREFIX.contains(w)) {
                    return null;
                }
                standalone &= LEAD.contains(w);
                negated |= NEGATION.contains(w);
                hedged |= HEDGE.contains(w);
                if (w.equals("no") && (i == m.start() - 1 || (i == m.start() - 2 && t.get(i + 1).equals("more")))) {
                    negated = true;
                }
            }
            if (hedged) {
                for (int i = 0; i < from; i++) {
                    if (HYPOTHETICAL_CUE.contains(t.get(i))) {
                        return null;
                    }
                }
            }
            if (m.end() < t.size() && t.get(m.end()).equals(COLON)) {
                return null;
            }
            if (floor > 0 && from > 0 && t.get(from - 1).equals("then")) {
                return null;
            }
            int to = m.end();
            while (to < limit && !isBreak(t.get(to)) && !CUT.contains(t.get(to))) {
                to++;
            }
            List<String> tail = t.subList(m.end(), to);
            if (!tail.isEmpty()) {
                if (NOUN_TAIL.contains(tail.get(0))) {
                    return null;
                }
                for (int i = 0; i < Math.min(3, tail.size()); i++) {
                    if (CONDITIONAL.contains(tail.get(i))) {
                        return null;
                    }
                }
                if (standalone && !negated && !COMMAND_TAIL.contains(tail.get(0))) {
                    return null;
                }
                if (negated && !NEGATION_TAIL.containsAll(tail)) {
                    return null;
                }
            }
            if (!negated) {
                return m.decision();
            }
            return m.decision() == Decision.PUMP ? Decision.CASH_OUT : Decision.PUMP;
        }

        private static boolean isBreak(String token) {
            return token.equals(BREAK) || token.equals(COLON);
        }

        private static boolean isOffer(List<String> t, Mention a, Mention b) {
            boolean joined = false;
            boolean and = false;
            if (b.start() == a.end()) {
                return false;
            }
            for (int i = a.end(); i < b.start(); i++) {
                String w = t.get(i);
                if (!OFFER_GAP.contains(w) && !w.equals(COLON)) {
                    return false;
                }
                joined |= OFFER_JOIN.contains(w);
                and |= w.equals("and");
            }
            return joined || (and && a.decision() != b.decision());
        }

        private static List<Mention> mentions(List<String> t) {
            List<Mention> out = new ArrayList<>(2);
            for (int i = 0; i < t.size(); i++) {
                String w = t.get(i);
                String next = i + 1 < t.size() ? t.get(i + 1) : "";
                Mention m = switch (w) {
                    case "pump", "inflate" -> new Mention(Decision.PUMP, Form.BASE, i, i + 1);
                    case "pumping", "inflating" -> new Mention(Decision.PUMP, Form.GERUND, i, i + 1);
                    case "pumps", "pumped", "inflates", "inflated" -> new Mention(Decision.PUMP, Form.OTHER, i, i + 1);
                    case "cash" -> next.equals("out") ? new Mention(Decision.CASH_OUT, Form.BASE, i, i + 2) : null;
                    case "cashing" -> next.equals("out") ? new Mention(Decision.CASH_OUT, Form.GERUND, i, i + 2)
                            : null;
                    case "cashed", "cashes" -> next.equals("out") ? new Mention(Decision.CASH_OUT, Form.OTHER, i, i + 2)
                            : null;
                    case "cashout" -> new Mention(Decision.CASH_OUT, Form.BASE, i, i + 1);
                    case "stop" -> next.equals("pumping") || next.equals("inflating")
                            ? new Mention(Decision.CASH_OUT, Form.BASE, i, i + 2)
                            : new Mention(Decision.CASH_OUT, Form.BASE, i, i + 1);
                    case "collect", "bank" -> new Mention(Decision.CASH_OUT, Form.BASE, i, i + 1);
                    case "collecting", "banking", "stopping" -> new Mention(Decision.CASH_OUT, Form.GERUND, i, i + 1);
                    case "cashouts", "collected", "collects", "banked", "banks", "stopped", "stops" ->
                            new Mention(Decision.CASH_OUT, Form.OTHER, i, i + 1);
                    default -> null;
                };
                if (m != null) {
                    out.add(m);
                    i = m.end() - 1;
                }
            }
            return out;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
