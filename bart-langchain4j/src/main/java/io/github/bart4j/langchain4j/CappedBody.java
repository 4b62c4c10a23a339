package io.github.bart4j.langchain4j;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory, at most {@code limit} bytes: past it the subscription is
 * cancelled (the JDK closes the connection) and the body ends as {@linkplain Body#truncated() truncated}.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Body> {

    /** The bytes read; {@code truncated} when the body was longer than the limit. */
    record Body(byte[] bytes, boolean truncated) {
    }

    private final int limit;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    CappedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int room = limit - buffer.size();
            int n = Math.min(room, b.remaining());
            if (n > 0) {
                byte[] chunk = new byte[n];
                b.get(chunk);
                buffer.write(chunk, 0, n);
            }
            if (b.hasRemaining()) {
                result.complete(new Body(buffer.toByteArray(), true));
                subscription.cancel();
                return;
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(buffer.toByteArray(), false));
    }
}
