package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.langchain4j.ChatModels;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void a_message_naming_a_java_parameter_names_its_config_key_instead() {
        String javaMessage = org.assertj.core.api.Assertions.catchThrowable(
                () -> ChatModels.ollama().modelName("m").maxTokens(0).build()).getMessage();

        assertThat(javaMessage).isEqualTo("maxTokens must be >= 1, but is 0");
        assertThat(ConfigKeys.translate(javaMessage)).isEqualTo("key 'max_tokens' must be >= 1, but is 0");
        assertThat(ConfigKeys.translate("timeout must be > 0, but is PT0S"))
                .isEqualTo("key 'request_timeout_seconds' must be > 0, but is PT0S");
        assertThat(ConfigKeys.translate("something else entirely")).isEqualTo("something else entirely");
    }

    @Test
    void every_key_it_names_is_a_config_key() {
        ConfigKeys.BY_PARAMETER.values().stream().flatMap(k -> java.util.Arrays.stream(k.split(" / ")))
                .forEach(k -> assertThat(ConfigLoader.acceptedKeys()).as(k).contains(k));
    }
}
