package io.warden.node.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code warden audit} prints from a replayed log: the events an operator asks about (a lock's grants and
 * releases with their fencing tokens, a prefix's key changes with revisions, one session's life), in log order, as
 * text or JSON lines, and, for a lock and a time, who held it then and with which token.
 * <pre>{@code
 * AuditReport report = new AuditReport(replay.audit(), replay.keyChanges());
 * report.print(AuditReport.Filter.lock("orders"), false, System.out);
 * List<AuditEvent.Granted> then = report.holdersAt("orders", Instant.parse("2026-12-03T03:12:00Z").toEpochMilli());
 * }</pre>
 */
public final class AuditReport
{
    /**
     * Which events to show.
     *
     * @param lock       a lock's name (or {@code election:NAME}), or null for every lock.
     * @param keyPrefix  a key prefix, or null for every key.
     * @param session    a session id, or 0 for every session.
     * @param keepAlives whether to show keepalives (many, and rarely what is asked).
     */
    public record Filter(String lock, String keyPrefix, long session, boolean keepAlives)
    {
        /**
         * Everything but keepalives.
         * <pre>{@code AuditReport.Filter all = AuditReport.Filter.everything(); }</pre>
         *
         * @return the filter.
         */
        public static Filter everything()
        {
            return new Filter(null, null, 0, false);
        }

        /**
         * One lock's grants and releases.
         * <pre>{@code AuditReport.Filter orders = AuditReport.Filter.lock("orders"); }</pre>
         *
         * @param name the lock.
         * @return the filter.
         */
        public static Filter lock(final String name)
        {
            return new Filter(name, null, 0, false);
        }

        boolean wantsLocks()
        {
            return null == keyPrefix;
        }

        boolean wantsKeys()
        {
            return null == lock;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final List<AuditEvent> events = new ArrayList<>();

    /**
     * A report over one replay.
     *
     * @param audit      the replay's audit stream ({@link LogReplay.Result#audit()}).
     * @param keyChanges its key changes ({@link LogReplay.Result#keyChanges()}).
     */
    public AuditReport(final List<AuditEvent> audit, final List<AuditEvent.KeyChanged> keyChanges)
    {
        events.addAll(audit);
        events.addAll(keyChanges);
        // one log order: by position; within one command, what it released before what it granted or changed
        events.sort(Comparator.comparingLong(AuditEvent::position));
    }

    /**
     * The events the filter selects, in log order.
     *
     * @param filter what to show.
     * @return the events.
     */
    public List<AuditEvent> select(final Filter filter)
    {
        final List<AuditEvent> selected = new ArrayList<>();
        for (final AuditEvent event : events)
        {
            if (matches(filter, event))
            {
                selected.add(event);
            }
        }
        return selected;
    }

    /**
     * Who held a lock at a cluster time: the grants in force then (one for an exclusive hold, any number for
     * shared holds), each with its session and fencing token.
     *
     * @param lock   the lock's name.
     * @param timeMs the cluster time (epoch milliseconds).
     * @return the grants in force, empty when the lock was free.
     */
    public List<AuditEvent.Granted> holdersAt(final String lock, final long timeMs)
    {
        final Map<Long, AuditEvent.Granted> holders = new LinkedHashMap<>();
        for (final AuditEvent event : events)
        {
            if (event.timeMs() > timeMs)
            {
                break;
            }
            if (event instanceof AuditEvent.Granted granted && granted.lock().equals(lock))
            {
                holders.put(granted.token(), granted);
            }
            else if (event instanceof AuditEvent.Released released && released.lock().equals(lock))
            {
                holders.remove(released.token());
            }
        }
        return new ArrayList<>(holders.values());
    }

    /**
     * Print the selected events, one per line.
     *
     * @param filter what to show.
     * @param json   JSON lines instead of text.
     * @param out    where to print.
     * @return how many were printed.
     */
    public int print(final Filter filter, final boolean json, final PrintStream out)
    {
        int printed = 0;
        for (final AuditEvent event : select(filter))
        {
            out.println(json ? json(event) : text(event));
            printed++;
        }
        return printed;
    }

    private static boolean matches(final Filter filter, final AuditEvent event)
    {
        if (event instanceof AuditEvent.Granted granted)
        {
            return filter.wantsLocks() && lockMatches(filter, granted.lock()) &&
                sessionMatches(filter, granted.session());
        }
        if (event instanceof AuditEvent.Released released)
        {
            return filter.wantsLocks() && lockMatches(filter, released.lock()) &&
                sessionMatches(filter, released.session());
        }
        if (event instanceof AuditEvent.KeyChanged changed)
        {
            return filter.wantsKeys() && keyMatches(filter, changed.key()) && sessionMatches(filter, changed.session());
        }
        if (event instanceof AuditEvent.EphemeralCreated created)
        {
            return filter.wantsKeys() && keyMatches(filter, created.key()) && sessionMatches(filter, created.session());
        }
        if (event instanceof AuditEvent.EphemeralDeleted deleted)
        {
            return filter.wantsKeys() && keyMatches(filter, deleted.key()) && sessionMatches(filter, deleted.session());
        }
        if (event instanceof AuditEvent.KeepAlive keepAlive)
        {
            return filter.keepAlives() && sessionOnly(filter) && sessionMatches(filter, keepAlive.session());
        }
        if (event instanceof AuditEvent.SessionOpened opened)
        {
            return sessionOnly(filter) && sessionMatches(filter, opened.session());
        }
        if (event instanceof AuditEvent.SessionEnded ended)
        {
            return sessionOnly(filter) && sessionMatches(filter, ended.session());
        }
        return false;
    }

    /** Session events belong to a report that is not about one lock or one prefix. */
    private static boolean sessionOnly(final Filter filter)
    {
        return null == filter.lock() && null == filter.keyPrefix();
    }

    private static boolean lockMatches(final Filter filter, final String lock)
    {
        return null == filter.lock() || filter.lock().equals(lock);
    }

    private static boolean keyMatches(final Filter filter, final String key)
    {
        return null == filter.keyPrefix() || key.startsWith(filter.keyPrefix());
    }

    private static boolean sessionMatches(final Filter filter, final long session)
    {
        return 0 == filter.session() || filter.session() == session;
    }

    /**
     * One event as a line of text: the cluster time, the log position, what happened.
     *
     * @param event the event.
     * @return the line.
     */
    public static String text(final AuditEvent event)
    {
        final String head = Instant.ofEpochMilli(event.timeMs()) + " pos " + event.position() + " ";
        if (event instanceof AuditEvent.Granted g)
        {
            return head + "GRANT   lock " + g.lock() + " session " + g.session() + " token " + g.token() +
                (g.exclusive() ? " exclusive" : " shared");
        }
        if (event instanceof AuditEvent.Released r)
        {
            return head + "RELEASE lock " + r.lock() + " session " + r.session() + " token " + r.token() +
                (r.cause() == AuditEvent.Cause.SESSION_END ? " (its session ended)" : "");
        }
        if (event instanceof AuditEvent.KeyChanged k)
        {
            return head + (k.type() == Change.Type.PUT ? "PUT     key " : "DELETE  key ") + k.key() + " revision " +
                k.revision() + (0 == k.session() ? "" : " session " + k.session());
        }
        if (event instanceof AuditEvent.EphemeralCreated c)
        {
            return head + "EPHEMERAL key " + c.key() + " owned by session " + c.session();
        }
        if (event instanceof AuditEvent.EphemeralDeleted d)
        {
            return head + "EPHEMERAL-GONE key " + d.key() + " of session " + d.session() +
                (d.cause() == AuditEvent.Cause.SESSION_END ? " (its session ended)" : "");
        }
        if (event instanceof AuditEvent.SessionOpened o)
        {
            return head + "SESSION " + o.session() + " opened, ttl " + o.ttlMs() + " ms";
        }
        if (event instanceof AuditEvent.SessionEnded e)
        {
            return head + "SESSION " + e.session() +
                (e.cause() == AuditEvent.EndCause.EXPIRED ? " expired" : " closed");
        }
        if (event instanceof AuditEvent.KeepAlive k)
        {
            return head + "KEEPALIVE session " + k.session();
        }
        return head + event;
    }

    /**
     * One event as a JSON object.
     *
     * @param event the event.
     * @return the object, on one line.
     */
    public static String json(final AuditEvent event)
    {
        return jsonLine(json ->
        {
            json.writeNumberField("timeMs", event.timeMs());
            json.writeStringField("time", Instant.ofEpochMilli(event.timeMs()).toString());
            json.writeNumberField("position", event.position());
            writeFields(json, event);
        });
    }

    /**
     * A free lock at a time, as a JSON object (what {@code warden audit --at --json} prints when nobody held it).
     *
     * @param lock   the lock.
     * @param timeMs the cluster time asked about.
     * @return the object, on one line.
     */
    public static String freeJson(final String lock, final long timeMs)
    {
        return jsonLine(json ->
        {
            json.writeStringField("lock", lock);
            json.writeStringField("at", Instant.ofEpochMilli(timeMs).toString());
            json.writeNumberField("holders", 0);
        });
    }

    /** Fields of one JSON object. */
    @FunctionalInterface
    private interface Fields
    {
        void write(JsonGenerator json) throws IOException;
    }

    private static String jsonLine(final Fields fields)
    {
        final StringWriter line = new StringWriter(128);
        try (JsonGenerator json = JSON.createGenerator(line))
        {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex); // a StringWriter does not fail
        }
        return line.toString();
    }

    private static void writeFields(final JsonGenerator json, final AuditEvent event) throws IOException
    {
        if (event instanceof AuditEvent.Granted g)
        {
            json.writeStringField("event", "grant");
            json.writeStringField("lock", g.lock());
            json.writeNumberField("session", g.session());
            json.writeNumberField("token", g.token());
            json.writeBooleanField("exclusive", g.exclusive());
        }
        else if (event instanceof AuditEvent.Released r)
        {
            json.writeStringField("event", "release");
            json.writeStringField("lock", r.lock());
            json.writeNumberField("session", r.session());
            json.writeNumberField("token", r.token());
            json.writeStringField("cause", r.cause().name());
        }
        else if (event instanceof AuditEvent.KeyChanged k)
        {
            json.writeStringField("event", k.type() == Change.Type.PUT ? "put" : "delete");
            json.writeStringField("key", k.key());
            json.writeNumberField("revision", k.revision());
            json.writeNumberField("session", k.session());
        }
        else if (event instanceof AuditEvent.EphemeralCreated c)
        {
            json.writeStringField("event", "ephemeral");
            json.writeStringField("key", c.key());
            json.writeNumberField("session", c.session());
        }
        else if (event instanceof AuditEvent.EphemeralDeleted d)
        {
            json.writeStringField("event", "ephemeralGone");
            json.writeStringField("key", d.key());
            json.writeNumberField("session", d.session());
            json.writeStringField("cause", d.cause().name());
        }
        else if (event instanceof AuditEvent.SessionOpened o)
        {
            json.writeStringField("event", "sessionOpened");
            json.writeNumberField("session", o.session());
            json.writeNumberField("ttlMs", o.ttlMs());
        }
        else if (event instanceof AuditEvent.SessionEnded e)
        {
            json.writeStringField("event", "sessionEnded");
            json.writeNumberField("session", e.session());
            json.writeStringField("cause", e.cause().name());
        }
        else if (event instanceof AuditEvent.KeepAlive k)
        {
            json.writeStringField("event", "keepAlive");
            json.writeNumberField("session", k.session());
        }
    }
}
