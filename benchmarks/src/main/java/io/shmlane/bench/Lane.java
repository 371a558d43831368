package io.shmlane.bench;

/**
 * One transport's four roles. The server side ({@code consume}, {@code pong}) sets up the channel or
 * socket and says {@link Report#ready} before the client side ({@code produce}, {@code ping}) starts.
 */
interface Lane {
    /** Streams numbered messages (via a {@link SourceLoop}) and ends the stream. */
    void produce(ChildConfig config, Report report) throws Exception;

    /** Receives the stream until its end, measuring with a {@link StreamMeter}. */
    void consume(ChildConfig config, Report report) throws Exception;

    /** Sends a message and waits for its echo, over and over (via a {@link PingLoop}). */
    void ping(ChildConfig config, Report report) throws Exception;

    /** Echoes every message until told to stop. */
    void pong(ChildConfig config, Report report) throws Exception;
}
