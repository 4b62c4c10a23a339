/**
 * BART participants on any LangChain4j {@code ChatModel}: OpenRouter, Ollama, OpenAI-compatible
 * servers, a model the user built, and {@link io.github.bart4j.langchain4j.FakeChatModel} for tests
 * and offline simulations.
 *
 * <p>Start with {@link io.github.bart4j.langchain4j.ModelOptions} and
 * {@link io.github.bart4j.langchain4j.LlmParticipants}, or {@link io.github.bart4j.langchain4j.LlmParticipant#builder()}
 * for a model you built:
 *
 * <pre>{@code
 * ModelOptions options = ModelOptions.builder(ModelOptions.Backend.OPENROUTER, "anthropic/claude-3.5-sonnet")
 *         .apiKeyFromEnvironment()                       // OPENROUTER_API_KEY
 *         .temperature(0.7)
 *         .conversationMode(ConversationMode.PER_BALLOON) // the seed's protocol
 *         .build();
 * Participant claude = LlmParticipants.create(options);
 * BalloonResult result = Task.classic().play(claude, new Balloon(1, "", 1, 20, 9, 0.10));
 *
 * // offline, same chat path: a CRRA agent answering through FakeChatModel
 * Participant simulated = LlmParticipants.create(
 *         ModelOptions.builder(ModelOptions.Backend.SIMULATED, "crra:2").build());
 *
 * // any ChatModel you built (FakeChatModel, your own OpenAiChatModel, a Mockito mock): no backend or key
 * Participant agent = LlmParticipants.create(FakeChatModel.policy("crra:1"));
 * LlmParticipant named = LlmParticipant.builder().chatModel(myModel).name("mine").structuredOutput(true).build();
 * }</pre>
 *
 * <p>Everything not public here is an implementation detail.
 */
package io.github.bart4j.langchain4j;
