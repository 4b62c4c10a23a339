/**
 * BART participants on any LangChain4j {@code ChatModel}: OpenRouter, Ollama, OpenAI-compatible
 * servers, a model the user built, and {@link io.github.bart4j.langchain4j.FakeChatModel} for tests
 * and offline simulations.
 *
 * <p>Build a model with a per-provider builder of {@link io.github.bart4j.langchain4j.ChatModels}
 * (endpoint and sampling), or bring any {@code ChatModel} of your own; put it in an
 * {@link io.github.bart4j.langchain4j.LlmParticipant} (the task's protocol), with a
 * {@link io.github.bart4j.langchain4j.RetryPolicy} (resilience) if the default does not fit:
 *
 * <pre>{@code
 * ChatModel claude = ChatModels.openRouter()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY"))
 *         .modelName("anthropic/claude-3.5-sonnet")
 *         .temperature(0.7)
 *         .build();
 * Participant participant = LlmParticipant.builder()
 *         .chatModel(claude)
 *         .conversationMode(ConversationMode.PER_BALLOON)        // the seed's protocol
 *         .retryPolicy(RetryPolicy.builder().maxRetries(5).build())
 *         .build();
 * BalloonResult result = Task.classic().play(participant, new Balloon(1, "", 1, 20, 9, 0.10));
 *
 * // offline, same chat path: a CRRA agent answering through FakeChatModel
 * Participant simulated = LlmParticipants.create(FakeChatModel.policy("crra:2"));
 *
 * // any ChatModel you built (your own OpenAiChatModel, a Mockito mock): no backend or key involved
 * LlmParticipant named = LlmParticipant.builder().chatModel(myModel).name("mine").structuredOutput(true).build();
 * }</pre>
 *
 * <p>Everything not public here is an implementation detail.
 */
package io.github.bart4j.langchain4j;
