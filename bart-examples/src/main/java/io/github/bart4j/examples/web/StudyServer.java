package io.github.bart4j.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server of {@code bart serve}: the page ({@code GET /}) and the JSON API under
 * {@code /api} (documented in {@code docs/web-api.md}) over a {@link HumanStudy}.
 *
 * <p>Built on Javalin 7 (Jetty 12): a maintained embedded server with routing, a bounded thread
 * pool and a clean stop, in a few lines. Security: request values reach no file path (the page's
 * three files are fixed classpath resources); bodies over {@value #MAX_BODY_BYTES} bytes are
 * refused with {@code 413}; every answer carries a strict Content-Security-Policy (nothing but
 * this server), {@code nosniff} and {@code no-store}; sessions are unguessable tokens.
 */
public final class StudyServer implements AutoCloseable {

    /** The largest request body accepted (16 KB). */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    /** How long {@link #close()} waits for the requests in progress (10 s). */
    static final long STOP_TIMEOUT_MILLIS = 10_000;

    /** How much of a refused body is read and dropped before answering 413 (1 MB). */
    private static final long DRAIN_BYTES = 1L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(StudyServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCES = "/io/github/bart4j/examples/web/";
    private static final Map<String, String> PAGE_FILES = Map.of("/", "index.html", "/app.js", "app.js",
            "/app.css", "app.css");

    private final Javalin app;
    private final String host;

    private StudyServer(Javalin app, String host) {
        this.app = app;
        this.host = host;
    }

    /**
     * Starts serving {@code study} on {@code host:port} ({@code port} 0 picks a free port).
     *
     * @param discloseRange whether the page states each balloon's burst range (as the models' prompt does)
     * @throws IllegalStateException when the server cannot bind (e.g. the port is taken)
     */
    public static StudyServer start(HumanStudy study, boolean discloseRange, String host, int port) {
        Objects.requireNonNull(study, "study");
        Rules rules = new Rules(discloseRange);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> {
                // close() lets requests in progress finish (a cash-out writing its balloon gets its answer);
                // without a graceful handler Jetty closes their connections at once
                server.setStopTimeout(STOP_TIMEOUT_MILLIS);
                server.setHandler(new GracefulHandler());
            });
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.routes.before(ctx -> {
                ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Cache-Control", "no-store");
            });
            PAGE_FILES.forEach((path, file) -> config.routes.get(path, ctx -> page(ctx, file)));
            config.routes.post("/api/sessions", ctx -> {
                JsonNode body = jsonBody(ctx);
                JsonNode id = body.get("participant");
                if (id == null || !id.isTextual()) {
                    throw new BadRequest("body must be {\"participant\": \"ID\"}");
                }
                HumanStudy.Start start;
                try {
                    start = study.start(id.textValue());
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(e.getMessage());
                }
                send(ctx, start.created() ? 201 : 200, HumanStudy.json(start.state(), study.balloonsTotal(), rules));
            });
            config.routes.get("/api/sessions/{session}", ctx ->
                    send(ctx, 200, HumanStudy.json(study.state(ctx.pathParam("session")), study.balloonsTotal(),
                            rules)));
            config.routes.post("/api/sessions/{session}/pump", ctx -> {
                readBody(ctx);
                send(ctx, 200, HumanStudy.json(study.pump(ctx.pathParam("session")), study.balloonsTotal(), rules));
            });
            config.routes.post("/api/sessions/{session}/cash-out", ctx -> {
                readBody(ctx);
                send(ctx, 200, HumanStudy.json(study.cashOut(ctx.pathParam("session")), study.balloonsTotal(),
                        rules));
            });
            config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
            config.routes.exception(HumanStudy.UnknownSessionException.class,
                    (e, ctx) -> error(ctx, 404, "unknown session"));
            config.routes.exception(HumanStudy.FinishedException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getMessage() == null ? "request refused" : e.getMessage().toLowerCase(Locale.ROOT)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("bart serve: {} {} failed: {}", ctx.method(), ctx.path(), e.toString());
                error(ctx, 500, "the server could not record this; nothing was changed, please try again");
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "no such page: " + ctx.method() + " " + ctx.path());
                }
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return new StudyServer(app, host);
    }

    /** The page's address, {@code http://HOST:PORT/}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + app.port() + "/";
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /**
     * Stops accepting requests and waits for those in progress to be answered, at most
     * {@value #STOP_TIMEOUT_MILLIS} ms; a request still running then is cut off. Idempotent.
     */
    @Override
    public void close() {
        app.stop();
    }

    private static void page(Context ctx, String file) throws IOException {
        try (InputStream in = StudyServer.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file);
            }
            byte[] bytes = in.readAllBytes();
            String type = file.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
            ctx.status(200).contentType(type).result(bytes);
        }
    }

    /**
     * Reads the body, at most {@link #MAX_BODY_BYTES}; a longer one is refused with 413. The rest of a
     * refused body is read and dropped (up to {@value #DRAIN_BYTES} bytes) so the client, still sending,
     * receives the 413 instead of a reset connection; the connection is then closed.
     */
    private static byte[] readBody(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = declared > MAX_BODY_BYTES ? null : in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes == null || bytes.length > MAX_BODY_BYTES) {
                long left = DRAIN_BYTES;
                byte[] sink = new byte[8192];
                int n;
                while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                    left -= n;
                }
                ctx.header("Connection", "close");
                throw new BadRequest(413, "request body over " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private static JsonNode jsonBody(Context ctx) throws IOException {
        byte[] body = readBody(ctx);
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest("body must be JSON, sent with Content-Type: application/json");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("body must be {\"participant\": \"ID\"}");
        }
        return node;
    }

    private static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(Context ctx, int status, String message) {
        send(ctx, status, Map.of("error", message));
    }

    /** A request the API refuses with a 4xx status and a message. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(String message) {
            this(400, message);
        }

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
