package io.github.bart4j.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template of {@link BartPrompts} split once into text and placeholders, so that rendering
 * is appending: no pattern matching and no map per turn. Immutable, thread-safe.
 *
 * <p>Placeholders are {@code {name}} with {@code name} made of letters and {@code _}; each known
 * name has a {@linkplain #slot slot number}, the position of the name in {@link #NAMES}. A
 * placeholder whose value is {@code null} (an unknown name, or one the {@link Lookup} does not
 * offer) stays in the text as it is, braces included.
 */
final class PromptTemplate {

    /** The placeholders a template may use; a name's slot is its index here. */
    static final List<String> NAMES = List.of("n", "type", "min", "max", "reward", "earnings", "total", "pumps",
            "article", "type_line", "range_rule", "burst_chance");

    static final int N = 0;
    static final int TYPE = 1;
    static final int MIN = 2;
    static final int MAX = 3;
    static final int REWARD = 4;
    static final int EARNINGS = 5;
    static final int TOTAL = 6;
    static final int PUMPS = 7;
    static final int ARTICLE = 8;
    static final int TYPE_LINE = 9;
    static final int RANGE_RULE = 10;
    static final int BURST_CHANCE = 11;

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

    /** The value of a placeholder's slot, or {@code null} when it has none. */
    interface Lookup {
        String value(int slot);
    }

    /** The text before each placeholder, then the text after the last one: one more than {@link #slots}. */
    private final String[] text;
    /** The slot of each placeholder, -1 for an unknown name. */
    private final int[] slots;
    /** Each placeholder as written, braces included (what stays when it has no value). */
    private final String[] written;
    private final int textLength;

    private PromptTemplate(String[] text, int[] slots, String[] written) {
        this.text = text;
        this.slots = slots;
        this.written = written;
        int length = 0;
        for (String t : text) {
            length += t.length();
        }
        this.textLength = length;
    }

    /** {@code template} split into text and placeholders. */
    static PromptTemplate of(String template) {
        List<String> text = new ArrayList<>();
        List<String> written = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            text.add(template.substring(at, m.start()));
            written.add(m.group());
            at = m.end();
        }
        text.add(template.substring(at));
        int[] slots = new int[written.size()];
        for (int i = 0; i < slots.length; i++) {
            String w = written.get(i);
            slots[i] = NAMES.indexOf(w.substring(1, w.length() - 1));
        }
        return new PromptTemplate(text.toArray(new String[0]), slots, written.toArray(new String[0]));
    }

    /** Whether the template has a placeholder of {@code slot}. */
    boolean uses(int slot) {
        for (int s : slots) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }

    /** The template with every placeholder replaced by its value from {@code values}. */
    String render(Lookup values) {
        if (slots.length == 0) {
            return text[0];
        }
        StringBuilder out = new StringBuilder(textLength + 16 * slots.length);
        for (int i = 0; i < slots.length; i++) {
            out.append(text[i]);
            String value = slots[i] < 0 ? null : values.value(slots[i]);
            out.append(value == null ? written[i] : value);
        }
        return out.append(text[slots.length]).toString();
    }
}
