package io.shmlane.cli;

import static io.shmlane.ChannelHeaderDescriptor.CREATION_TIME_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.CREATOR_PID_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.DATA_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.NEXT_SEQUENCE_OFFSET;
import static io.shmlane.ChannelHeaderDescriptor.VERSION_OFFSET;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shmlane.ChannelException;
import io.shmlane.ChannelFile;
import io.shmlane.ChannelKind;
import io.shmlane.Role;
import io.shmlane.mailbox.MailboxDescriptor;
import io.shmlane.ring.RingScan;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a channel file's header, positions and whether producer and consumer are alive. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Shows a channel file's header, positions, and whether its producer and consumer are alive."
                + " Read-only: never changes the file.")
final class InspectCommand implements Callable<Integer> {
    private static final JsonFactory JSON = new JsonFactory();

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The channel file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(
            names = "--attach-timeout",
            defaultValue = "1",
            paramLabel = "SECONDS",
            description = "How long to wait for an unpublished header (default 1).")
    double attachTimeoutSeconds;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() {
        try (ChannelFile channel =
                ChannelFile.openExisting(file, Duration.ofNanos((long) (attachTimeoutSeconds * 1e9)))) {
            Map<String, Object> fields = describe(channel);
            System.out.println(json ? toJson(fields) : toText(fields));
        }
        return ExitCodes.OK;
    }

    /** The facts about {@code channel}, in display order. */
    static Map<String, Object> describe(final ChannelFile channel) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("file", channel.path().toAbsolutePath().toString());
        f.put("kind", channel.kind().label());
        f.put("layoutVersion", channel.intVolatile(VERSION_OFFSET));
        f.put("capacity", channel.capacity());
        f.put("maxMessageLength", channel.maxMessageLength());
        f.put("fileLength", channel.fileLength());
        f.put(
                "created",
                Instant.ofEpochMilli(channel.longVolatile(CREATION_TIME_OFFSET)).toString());
        f.put("creatorPid", channel.longVolatile(CREATOR_PID_OFFSET));
        for (Role role : Role.values()) {
            String p = role.label();
            f.put(p + "State", stateName(channel.intVolatile(role.stateOffset())));
            f.put(p + "Status", channel.peerStatus(role).name().toLowerCase(java.util.Locale.ROOT));
            f.put(p + "Pid", channel.longVolatile(role.pidOffset()));
            f.put(p + "Attaches", channel.intVolatile(role.attachCountOffset()));
        }
        long nextSequence = channel.longVolatile(NEXT_SEQUENCE_OFFSET);
        if (channel.kind() == ChannelKind.RING) {
            // the stored producer position is refreshed only now and then; the walk is exact
            RingScan scan = RingScan.of(channel.buffer(), channel.capacity(), channel);
            long tail = scan.tail();
            long head = scan.head();
            f.put("tail", tail);
            f.put("head", head);
            f.put("bytesInFlight", tail - head);
            f.put("consumerNextSequence", nextSequence);
        } else {
            int flag = channel.intVolatile(DATA_OFFSET + MailboxDescriptor.FLAG_OFFSET);
            if (flag != MailboxDescriptor.FULL && flag != MailboxDescriptor.EMPTY) {
                throw new ChannelException(
                        ChannelException.Reason.CORRUPT,
                        channel.path() + " is corrupt: mailbox flag " + flag + " is neither EMPTY (0) nor FULL (1)");
            }
            f.put("slot", flag == MailboxDescriptor.FULL ? "full" : "empty");
            f.put("slotSequence", channel.longVolatile(DATA_OFFSET + MailboxDescriptor.SEQUENCE_OFFSET));
            f.put("consumerNextSequence", nextSequence);
        }
        return f;
    }

    /** The word for a role's state field (ChannelHeaderDescriptor: 0 none, 1 attached, 2 closed). */
    static String stateName(final int state) {
        switch (state) {
            case 0:
                return "none";
            case 1:
                return "attached";
            case 2:
                return "closed";
            default:
                return "invalid(" + state + ")"; // a corrupt field is shown, not hidden
        }
    }

    private static String toText(final Map<String, Object> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((k, v) -> text.append(String.format(java.util.Locale.ROOT, "%-22s %s%n", k, v)));
        return text.toString().stripTrailing();
    }

    /** The fields as one JSON object, in their order: numbers as numbers, anything else as a string. */
    static String toJson(final Map<String, Object> fields) {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                Object value = field.getValue();
                out.writeFieldName(field.getKey());
                if (value instanceof Integer || value instanceof Long) {
                    out.writeNumber(((Number) value).longValue());
                } else if (value instanceof Number) {
                    out.writeNumber(value.toString());
                } else {
                    out.writeString(String.valueOf(value));
                }
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return json.toString();
    }
}
