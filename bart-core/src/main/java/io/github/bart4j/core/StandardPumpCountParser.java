package io.github.bart4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The default {@link PumpCountParser} ({@link PumpCountParser#standard()}). Its rules:
 *
 * <ol>
 * <li>A blank answer is invalid ("empty answer").</li>
 * <li><b>JSON</b>: an object (alone, in a code fence or inside text) with a field {@code pumps},
 *     {@code pump_count}, {@code number_of_pumps}, {@code count} or {@code number} (any case; {@code _}
 *     ignored) decides alone: a whole number at least 0, or a text that these rules read as one;
 *     anything else is invalid. Other JSON is read as text.</li>
 * <li><b>Numbers in text</b>: runs of digits ({@code 12}, {@code **7**}) and the words zero to
 *     twenty ({@code twelve}). A minus sign right before the digits, not after a letter or digit,
 *     makes the number negative ({@code -3}); "1-20" is two numbers.</li>
 * <li><b>Not pump counts</b>: money ({@code $0.40}, {@code €2}), labels ({@code #3}), percentages
 *     ({@code 25%}, {@code 25 percent}), digits glued to letters or {@code _} ({@code o1},
 *     {@code control_390}, {@code 3rd}), and decimals ({@code 7.5}); "one" in "one more", "one at a
 *     time", "this one", "each one" and the like.</li>
 * <li>The answer is valid when exactly one value remains (it may be repeated: "12. I will pump 12
 *     times"). No value: invalid ("no number of pumps", or "not a whole number: 7.5" when only decimals
 *     were seen); two different values: invalid ("several different numbers: 5, 6"); a negative value:
 *     invalid; a value above {@link Integer#MAX_VALUE}: invalid.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe; one pass over the text, no regular expressions.
 */
final class StandardPumpCountParser implements PumpCountParser {

    public static final StandardPumpCountParser INSTANCE = new StandardPumpCountParser();

    private static final Set<String> JSON_FIELDS = Set.of("pumps", "pumpcount", "numberofpumps", "count", "number");

    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19),
            Map.entry("twenty", 20));
    private static final Set<String> NOT_ONE_AFTER = Set.of("more", "at", "of", "by", "another", "way", "thing");
    private static final Set<String> NOT_ONE_BEFORE = Set.of("this", "that", "the", "each", "every", "any", "no",
            "which", "a");
    private static final Set<String> PERCENT_WORDS = Set.of("percent", "per", "pct");

    private StandardPumpCountParser() {
    }

    @Override
    public ParsedCount parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return ParsedCount.invalid("empty answer");
        }
        ParsedCount fromJson = parseJson(answer);
        return fromJson != null ? fromJson : parseText(answer);
    }

    private ParsedCount parseJson(String answer) {
        JsonNode node = EmbeddedJson.object(answer);
        if (node == null) {
            return null;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!JSON_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT).replace("_", ""))) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isIntegralNumber()) {
                if (!value.canConvertToInt()) {
                    return ParsedCount.invalid("JSON field '" + field.getKey() + "' is too large: " + value);
                }
                int pumps = value.intValue();
                return pumps >= 0 ? ParsedCount.of(pumps)
                        : ParsedCount.invalid("negative number of pumps: " + pumps);
            }
            if (value.isTextual() && !value.asText().isBlank()) {
                return parseText(value.asText());
            }
            return ParsedCount.invalid("JSON field '" + field.getKey() + "' is " + value
                    + ", expected a whole number of pumps >= 0");
        }
        return null;
    }

    private static ParsedCount parseText(String answer) {
        String text = answer.toLowerCase(Locale.ROOT);
        int n = text.length();
        Set<Long> values = new LinkedHashSet<>();
        String decimal = null;
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                int start = i;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                boolean isDecimal = i + 1 < n && text.charAt(i) == '.'
                        && Character.isDigit(text.charAt(i + 1));
                int end = i;
                if (isDecimal) {
                    end = i + 1;
                    while (end < n && Character.isDigit(text.charAt(end))) {
                        end++;
                    }
                }
                char before = start > 0 ? text.charAt(start - 1) : ' ';
                boolean negative = (before == '-' || before == '\u2212')
                        && (start < 2 || !Character.isLetterOrDigit(text.charAt(start - 2)));
                char sign = negative && start >= 2 ? text.charAt(start - 2) : before;
                boolean skip = Character.isLetter(before) || before == '_' || isCurrencyOrLabel(before)
                        || isCurrencyOrLabel(sign)
                        || (end < n && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '_'))
                        || isPercent(text, end);
                if (!skip) {
                    if (isDecimal) {
                        decimal = decimal == null ? (negative ? "-" : "") + text.substring(start, end) : decimal;
                    } else if (end - start > 12) {
                        return ParsedCount.invalid("number too large: " + text.substring(start, end));
                    } else {
                        long value = Long.parseLong(text.substring(start, end));
                        values.add(negative ? -value : value);
                    }
                }
                i = end;
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < n && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                words.add(text.substring(start, i));
            } else {
                i++;
            }
        }
        for (int w = 0; w < words.size(); w++) {
            Integer value = WORDS.get(words.get(w));
            if (value == null) {
                continue;
            }
            String prev = w > 0 ? words.get(w - 1) : "";
            String next = w + 1 < words.size() ? words.get(w + 1) : "";
            if (value == 1 && (NOT_ONE_AFTER.contains(next) || NOT_ONE_BEFORE.contains(prev))) {
                continue;
            }
            if (PERCENT_WORDS.contains(next)) {
                continue;
            }
            values.add((long) value);
        }
        if (values.isEmpty()) {
            return ParsedCount.invalid(decimal != null ? "not a whole number: " + decimal : "no number of pumps");
        }
        if (values.size() > 1) {
            StringBuilder list = new StringBuilder();
            for (Long v : values) {
                list.append(list.length() == 0 ? "" : ", ").append(v);
            }
            return ParsedCount.invalid("several different numbers: " + list);
        }
        long value = values.iterator().next();
        if (value < 0) {
            return ParsedCount.invalid("negative number of pumps: " + value);
        }
        if (value > Integer.MAX_VALUE) {
            return ParsedCount.invalid("number too large: " + value);
        }
        return ParsedCount.of((int) value);
    }

    private static boolean isCurrencyOrLabel(char c) {
        return c == '$' || c == '#' || c == '\u20ac' || c == '\u00a3';
    }

    private static boolean isPercent(String text, int end) {
        int j = end;
        while (j < text.length() && text.charAt(j) == ' ') {
            j++;
        }
        return j < text.length() && (text.charAt(j) == '%' || text.startsWith("percent", j)
                || text.startsWith("per cent", j));
    }
}
