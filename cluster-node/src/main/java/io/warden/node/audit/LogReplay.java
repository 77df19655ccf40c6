package io.warden.node.audit;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.codecs.ClientSessionDecoder;
import io.aeron.cluster.codecs.ClusterAction;
import io.aeron.cluster.codecs.ClusterActionRequestDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.codecs.NewLeadershipTermEventDecoder;
import io.aeron.cluster.codecs.SessionCloseEventDecoder;
import io.aeron.cluster.codecs.SessionMessageHeaderDecoder;
import io.aeron.cluster.codecs.SessionOpenEventDecoder;
import io.aeron.cluster.codecs.TimerEventDecoder;
import io.aeron.cluster.service.ClusterClock;
import io.warden.node.domain.StateHeader;
import io.warden.node.domain.StateVisitor;
import io.warden.node.domain.WardenStateMachine;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.lock.LockClaim;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.port.Timers;
import io.warden.node.domain.session.Session;
import io.warden.node.domain.watch.Watch;
import io.warden.node.service.CommandAdapter;
import io.warden.node.service.EgressResponder;
import io.warden.node.service.WardenService;
import io.warden.node.snapshot.SnapshotException;
import io.warden.node.snapshot.SnapshotReader;
import io.warden.schema.FrameCheck;
import io.warden.schema.protocol.CloseSessionDecoder;
import io.warden.schema.protocol.KeepAliveBatchDecoder;
import io.warden.schema.protocol.LockMode;
import org.agrona.DirectBuffer;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The audit stream, read back from the log: replays a node's recorded Raft log (its archive's log recording, read
 * from the segment files on disk by {@link RecordingFiles}, from position 0, or from the oldest snapshot kept when
 * the log before it was purged) into a fresh Warden state machine exactly as
 * {@link WardenService} applies it (session messages, timers, session closes, new leadership terms), and compares
 * the state after every command with the state before to produce, in log order, every session open, keepalive and
 * end, every lock grant and release with its token, every ephemeral key created and deleted
 * ({@link AuditEvent}s), and every committed KV change ({@link Change}s, the authoritative stream watchers are
 * checked against). No change to the state machine is needed: the log is the audit.
 * <p>
 * It also checks determinism: at every snapshot action in the log the replayed state's digest is recorded, to be
 * compared with the digests the nodes published for their snapshots at the same positions; and a CRC per message
 * lets the logs of all nodes be compared (they must agree on their common prefix).
 * <p>
 * Read the files of a stopped node, of a backup, or of a node that no longer writes. Not thread-safe; one replay per
 * instance.
 * <pre>{@code
 * LogReplay.Result replayed = LogReplay.replayNode(clusterDir, archiveDir, true);
 * long cut = replayed.startOfCommandAfter(1_234); // where a log ends that holds revision 1234 and nothing later
 * }</pre>
 */
public final class LogReplay
{
    /** What one replay found. */
    public static final class Result
    {
        private final List<AuditEvent> audit = new ArrayList<>();
        private final List<Change> changes = new ArrayList<>();
        private final List<AuditEvent.KeyChanged> keyChanges = new ArrayList<>();
        private final Map<Long, Long> snapshotDigests = new TreeMap<>();
        private final TreeMap<Long, Long> positionByRevision = new TreeMap<>();
        private final TreeMap<Long, Long> startByRevision = new TreeMap<>();
        private final List<long[]> messageCrcs = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private long messages;
        private long commands;
        private long startPosition;
        private long startRevision;
        private long endPosition;
        private long finalDigest;
        private long finalRevision;
        private long lastTimeMs;
        private String incomplete;

        /**
         * The audit stream in log order.
         *
         * @return the events.
         */
        public List<AuditEvent> audit()
        {
            return audit;
        }

        /**
         * Every committed KV change in revision order.
         *
         * @return the changes.
         */
        public List<Change> changes()
        {
            return changes;
        }

        /**
         * Every committed KV change in revision order, with its command's position, cluster time and sender.
         *
         * @return the changes.
         */
        public List<AuditEvent.KeyChanged> keyChanges()
        {
            return keyChanges;
        }

        /**
         * The log position of the command that made a revision (a lock grant's token, a put's revision).
         *
         * @param revision the revision.
         * @return the position, or -1 when no command in the log made it.
         */
        public long positionOfRevision(final long revision)
        {
            // One command may raise the revision by more than one: it made every revision up to its own.
            final Map.Entry<Long, Long> entry = positionByRevision.ceilingEntry(revision);
            return null == entry ? -1 : entry.getValue();
        }

        /**
         * Where the log must be cut to hold the state as it was at a revision: the position at which the first
         * command that made a later revision begins.
         *
         * @param revision the revision.
         * @return the position, or -1 when no command in the replayed log made a later revision.
         */
        public long startOfCommandAfter(final long revision)
        {
            final Map.Entry<Long, Long> entry = startByRevision.higherEntry(revision);
            return null == entry ? -1 : entry.getValue();
        }

        /**
         * Where the replay began: 0, or the log position of the snapshot it loaded because the log before it had been
         * purged.
         *
         * @return the position.
         */
        public long startPosition()
        {
            return startPosition;
        }

        /**
         * The revision of the state the replay began with (0 from the start of the log, else the snapshot's).
         *
         * @return the revision.
         */
        public long startRevision()
        {
            return startRevision;
        }

        /**
         * The replayed state's digest at each snapshot action of the log.
         *
         * @return log position to digest.
         */
        public Map<Long, Long> snapshotDigests()
        {
            return snapshotDigests;
        }

        /**
         * Per log message: its end position and the CRC of its bytes.
         *
         * @return {@code [position, crc]} pairs in log order.
         */
        public List<long[]> messageCrcs()
        {
            return messageCrcs;
        }

        /**
         * Exceptions the state machine threw during the replay (each one a bug: the node counts them too).
         *
         * @return descriptions.
         */
        public List<String> errors()
        {
            return errors;
        }

        /**
         * Log messages read.
         *
         * @return the count.
         */
        public long messages()
        {
            return messages;
        }

        /**
         * Warden commands (session messages) applied.
         *
         * @return the count.
         */
        public long commands()
        {
            return commands;
        }

        /**
         * The log position after the last message.
         *
         * @return the position.
         */
        public long endPosition()
        {
            return endPosition;
        }

        /**
         * The digest of the replayed state at the end.
         *
         * @return the digest.
         */
        public long finalDigest()
        {
            return finalDigest;
        }

        /**
         * The revision of the replayed state at the end.
         *
         * @return the revision.
         */
        public long finalRevision()
        {
            return finalRevision;
        }

        /**
         * Cluster time of the last message.
         *
         * @return time in ms.
         */
        public long lastTimeMs()
        {
            return lastTimeMs;
        }

        /**
         * Why the audit may be incomplete (a change history that overflowed within one command), or null.
         *
         * @return the reason, or null.
         */
        public String incomplete()
        {
            return incomplete;
        }
    }

    private static final int SESSION_HEADER_LENGTH = 32;
    private static final RuntimeException STOP = new RuntimeException("stop visiting", null, false, false)
    {
        private static final long serialVersionUID = 1L;
    };

    private final boolean auditing;
    private final Result result = new Result();
    private final WardenStateMachine state;
    private final CommandAdapter adapter;
    private final MessageHeaderDecoder clusterHeader = new MessageHeaderDecoder();
    private final SessionMessageHeaderDecoder sessionHeader = new SessionMessageHeaderDecoder();
    private final TimerEventDecoder timerEvent = new TimerEventDecoder();
    private final SessionOpenEventDecoder openEvent = new SessionOpenEventDecoder();
    private final SessionCloseEventDecoder closeEvent = new SessionCloseEventDecoder();
    private final ClusterActionRequestDecoder actionRequest = new ClusterActionRequestDecoder();
    private final NewLeadershipTermEventDecoder newTermEvent = new NewLeadershipTermEventDecoder();
    private final io.warden.schema.protocol.MessageHeaderDecoder wardenHeader =
        new io.warden.schema.protocol.MessageHeaderDecoder();
    private final KeepAliveBatchDecoder keepAliveBatch = new KeepAliveBatchDecoder();
    private final Set<Long> openRoutes = new HashSet<>();
    private final CRC32 crc = new CRC32();
    private TimeUnit timeUnit = TimeUnit.MILLISECONDS;
    private long messageStart;
    private Snapshot before = new Snapshot();
    private Snapshot after = new Snapshot();

    /**
     * A replay.
     *
     * @param auditing true to derive audit events and changes (costs a walk of the state per command); false for
     *                 digests and CRCs only.
     */
    public LogReplay(final boolean auditing)
    {
        this.auditing = auditing;
        final EgressResponder responder = new EgressResponder(
            (route, buffer, offset, length) -> { }, WardenService.DEFAULT_MAX_EGRESS_FRAME_LENGTH);
        this.state = new WardenStateMachine(responder, responder, new Timers()
        {
            public void schedule(final long timerId, final long deadlineMs)
            {
            }

            public void cancel(final long timerId)
            {
            }
        });
        this.adapter = new CommandAdapter(state, responder);
    }

    /**
     * Replay the log recorded by one node (or held by a backup), from position 0 when the node still holds its whole
     * log, else from the oldest snapshot it holds the log after (loaded from its archive as the node would load it).
     *
     * @param clusterDir the node's cluster directory (its {@code recording.log} names the log and the snapshots).
     * @param archiveDir the node's archive directory (the recordings' segment files).
     * @param auditing   true to derive audit events and changes.
     * @return what the replay found.
     * @throws IllegalStateException if the directories hold neither the log from 0 nor a snapshot with the log after
     *                               it.
     */
    public static Result replayNode(final Path clusterDir, final Path archiveDir, final boolean auditing)
    {
        final LogReplay replay = new LogReplay(auditing);
        final File archive = archiveDir.toFile();
        final List<Long> recordings = logRecordingIds(clusterDir.toFile());
        if (recordings.isEmpty())
        {
            return replay.finish();
        }
        if (RecordingFiles.holds(archive, recordings.get(0), 0))
        {
            for (final long recordingId : recordings)
            {
                replay.readLog(archive, recordingId, 0);
            }
            return replay.finish();
        }
        final long logRecordingId = recordings.get(recordings.size() - 1);
        final RecordingLog.Entry snapshot = oldestReadableSnapshot(clusterDir.toFile(), archive, logRecordingId);
        replay.loadSnapshot(archive, snapshot);
        replay.readLog(archive, logRecordingId, snapshot.logPosition);
        return replay.finish();
    }

    private static RecordingLog.Entry oldestReadableSnapshot(
        final File clusterDir, final File archiveDir, final long logRecordingId)
    {
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            for (final RecordingLog.Entry entry : log.entries())
            {
                if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type && entry.isValid &&
                    ConsensusModule.Configuration.SERVICE_ID != entry.serviceId &&
                    RecordingFiles.holds(archiveDir, entry.recordingId, 0) &&
                    RecordingFiles.holds(archiveDir, logRecordingId, entry.logPosition))
                {
                    return entry;
                }
            }
        }
        throw new IllegalStateException(clusterDir + " and " + archiveDir + " hold neither the whole log nor a " +
            "snapshot with the log after it: nothing to replay from");
    }

    /**
     * The service's snapshot as the node loads it: Aeron's client sessions (the connections open at the snapshot,
     * with their principals), then Warden's records, verified against their end record.
     */
    private void loadSnapshot(final File archiveDir, final RecordingLog.Entry snapshot)
    {
        final SnapshotReader reader = new SnapshotReader(state);
        final Map<Long, byte[]> routes = new TreeMap<>();
        final ClientSessionDecoder clientSession = new ClientSessionDecoder();
        RecordingFiles.read(archiveDir, snapshot.recordingId, 0, (buffer, offset, length, endPosition) ->
        {
            clusterHeader.wrap(buffer, offset);
            if (clusterHeader.schemaId() == MessageHeaderDecoder.SCHEMA_ID)
            {
                if (clusterHeader.templateId() == ClientSessionDecoder.TEMPLATE_ID)
                {
                    clientSession.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                        clusterHeader.blockLength(), clusterHeader.version());
                    final long route = clientSession.clusterSessionId();
                    clientSession.skipResponseChannel();
                    final byte[] principal = new byte[clientSession.encodedPrincipalLength()];
                    clientSession.getEncodedPrincipal(principal, 0, principal.length);
                    routes.put(route, principal);
                }
            }
            else if (!reader.isComplete())
            {
                reader.onRecord(buffer, offset, length);
            }
        });
        if (!reader.isComplete())
        {
            throw new SnapshotException("the snapshot at log position " + snapshot.logPosition + " (recording " +
                snapshot.recordingId + ") ended before its end record");
        }
        routes.forEach((route, principal) ->
        {
            openRoutes.add(route);
            state.onRouteOpened(route, principal);
        });
        result.startPosition = snapshot.logPosition;
        result.startRevision = state.revision();
        messageStart = snapshot.logPosition;
        if (auditing)
        {
            before.clear();
            before.capture(state);
        }
    }

    private void readLog(final File archiveDir, final long recordingId, final long fromPosition)
    {
        messageStart = fromPosition;
        final long end = RecordingFiles.read(archiveDir, recordingId, fromPosition, this::onMessage);
        result.endPosition = Math.max(result.endPosition, end);
    }

    /**
     * The ids of the log recordings a node's recording log lists, in order of first use.
     *
     * @param clusterDir the node's cluster directory.
     * @return recording ids (usually one).
     */
    public static List<Long> logRecordingIds(final File clusterDir)
    {
        final List<Long> ids = new ArrayList<>();
        if (!new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME).exists())
        {
            return ids;
        }
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            for (final RecordingLog.Entry entry : log.entries())
            {
                if (entry.type == RecordingLog.ENTRY_TYPE_TERM && !ids.contains(entry.recordingId))
                {
                    ids.add(entry.recordingId);
                }
            }
        }
        return ids;
    }

    /**
     * Compare the message CRCs of two nodes' logs on their common prefix.
     *
     * @param a one node's replay.
     * @param b another's.
     * @return null when they agree, else where they first differ.
     */
    public static String divergence(final Result a, final Result b)
    {
        final int n = Math.min(a.messageCrcs.size(), b.messageCrcs.size());
        for (int i = 0; i < n; i++)
        {
            final long[] x = a.messageCrcs.get(i);
            final long[] y = b.messageCrcs.get(i);
            if (x[0] != y[0] || x[1] != y[1])
            {
                return "message " + i + ": position " + x[0] + " crc " + Long.toHexString(x[1]) + " vs position " +
                    y[0] + " crc " + Long.toHexString(y[1]);
            }
        }
        return null;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final long position)
    {
        result.messages++;
        crc.reset();
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        crc.update(copy, 0, length);
        result.messageCrcs.add(new long[]{ position, crc.getValue() });
        try
        {
            dispatch(buffer, offset, length, position);
        }
        finally
        {
            messageStart = position;
        }
    }

    private void dispatch(final DirectBuffer buffer, final int offset, final int length, final long position)
    {

        clusterHeader.wrap(buffer, offset);
        if (clusterHeader.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            result.errors.add("position " + position + ": not a cluster log message (schema " +
                clusterHeader.schemaId() + ")");
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = clusterHeader.blockLength();
        final int version = clusterHeader.version();
        switch (clusterHeader.templateId())
        {
            case SessionMessageHeaderDecoder.TEMPLATE_ID:
            {
                sessionHeader.wrap(buffer, bodyOffset, blockLength, version);
                final long route = sessionHeader.clusterSessionId();
                final long timeMs = timeUnit.toMillis(sessionHeader.timestamp());
                if (openRoutes.contains(route))
                {
                    result.commands++;
                    final int kind = wardenTemplateId(buffer, offset + SESSION_HEADER_LENGTH,
                        length - SESSION_HEADER_LENGTH);
                    apply(position, timeMs, kind, () ->
                    {
                        state.time(timeMs);
                        adapter.onMessage(route, buffer, offset + SESSION_HEADER_LENGTH,
                            length - SESSION_HEADER_LENGTH);
                    }, buffer, offset + SESSION_HEADER_LENGTH, length - SESSION_HEADER_LENGTH);
                }
                break;
            }
            case TimerEventDecoder.TEMPLATE_ID:
            {
                timerEvent.wrap(buffer, bodyOffset, blockLength, version);
                final long timeMs = timeUnit.toMillis(timerEvent.timestamp());
                final long timerId = timerEvent.correlationId();
                apply(position, timeMs, Kind.TIMER, () ->
                {
                    state.time(timeMs);
                    state.onTimer(timerId);
                }, null, 0, 0);
                break;
            }
            case SessionOpenEventDecoder.TEMPLATE_ID:
            {
                openEvent.wrap(buffer, bodyOffset, blockLength, version);
                final long route = openEvent.clusterSessionId();
                openEvent.skipResponseChannel();
                final byte[] principal = new byte[openEvent.encodedPrincipalLength()];
                openEvent.getEncodedPrincipal(principal, 0, principal.length);
                openRoutes.add(route);
                // whose connection it is (the node's service learns it from the same event): sessions' owners
                state.onRouteOpened(route, principal);
                break;
            }
            case SessionCloseEventDecoder.TEMPLATE_ID:
            {
                closeEvent.wrap(buffer, bodyOffset, blockLength, version);
                final long route = closeEvent.clusterSessionId();
                final long timeMs = timeUnit.toMillis(closeEvent.timestamp());
                if (openRoutes.remove(route))
                {
                    apply(position, timeMs, Kind.ROUTE_CLOSED, () ->
                    {
                        state.time(timeMs);
                        state.onRouteClosed(route);
                    }, null, 0, 0);
                }
                break;
            }
            case ClusterActionRequestDecoder.TEMPLATE_ID:
                actionRequest.wrap(buffer, bodyOffset, blockLength, version);
                if (actionRequest.action() == ClusterAction.SNAPSHOT)
                {
                    result.snapshotDigests.put(actionRequest.logPosition(), state.digest());
                }
                break;
            case NewLeadershipTermEventDecoder.TEMPLATE_ID:
            {
                newTermEvent.wrap(buffer, bodyOffset, blockLength, version);
                timeUnit = ClusterClock.map(newTermEvent.timeUnit());
                final long timeMs = timeUnit.toMillis(newTermEvent.timestamp());
                apply(position, timeMs, Kind.NEW_TERM, () -> state.onNewLeadershipTerm(timeMs), null, 0, 0);
                break;
            }
            default:
                break;
        }
    }

    /** What kind of log entry a state change came from (Warden template ids are positive). */
    private static final class Kind
    {
        static final int TIMER = -1;
        static final int ROUTE_CLOSED = -2;
        static final int NEW_TERM = -3;
        static final int UNREADABLE = -4;
    }

    private int wardenTemplateId(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < io.warden.schema.protocol.MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return Kind.UNREADABLE;
        }
        wardenHeader.wrap(buffer, offset);
        return wardenHeader.templateId();
    }

    private void apply(
        final long position,
        final long timeMs,
        final int kind,
        final Runnable command,
        final DirectBuffer frame,
        final int frameOffset,
        final int frameLength)
    {
        result.lastTimeMs = Math.max(result.lastTimeMs, timeMs);
        final long revisionBefore = state.revision();
        try
        {
            command.run();
        }
        catch (final RuntimeException ex)
        {
            result.errors.add("position " + position + ": " + ex);
        }
        if (state.revision() > revisionBefore)
        {
            result.positionByRevision.put(state.revision(), position);
            result.startByRevision.put(state.revision(), messageStart);
        }
        if (auditing)
        {
            after.clear();
            after.capture(state);
            diff(position, timeMs, kind, frame, frameOffset, frameLength);
            final Snapshot swap = before;
            before = after;
            after = swap;
        }
    }

    private Result finish()
    {
        result.finalDigest = state.digest();
        result.finalRevision = state.revision();
        return result;
    }

    // ------------------------------------------------------------------------------------------------ diffing

    private record Holder(long session, long token, boolean exclusive)
    {
    }

    private record Entry(long modRevision, long owner)
    {
    }

    private record SessionInfo(long ttlMs, long expiryMs)
    {
    }

    /** The part of the state the audit watches: sessions, keys, lock holders. */
    private static final class Snapshot implements StateVisitor
    {
        final Map<Long, SessionInfo> sessions = new HashMap<>();
        final Map<String, Entry> keys = new HashMap<>();
        final Map<String, Map<Long, Holder>> locks = new HashMap<>();
        long revision;

        void clear()
        {
            sessions.clear();
            keys.clear();
            locks.clear();
        }

        void capture(final WardenStateMachine state)
        {
            try
            {
                state.visit(this);
            }
            catch (final RuntimeException ex)
            {
                if (ex != STOP)
                {
                    throw ex;
                }
            }
        }

        public void header(final StateHeader header)
        {
            revision = header.revision;
        }

        public void session(final Session session)
        {
            sessions.put(session.sessionId(), new SessionInfo(session.ttlMs(), session.expiryMs()));
        }

        public void outcome(final long sessionId, final io.warden.node.domain.Outcome outcome)
        {
        }

        public void kvEntry(final KvEntry entry)
        {
            keys.put(new String(entry.key().bytes(), 0, entry.key().length(), StandardCharsets.UTF_8),
                new Entry(entry.modRevision(), entry.ownerSessionId()));
        }

        public void lock(final boolean election, final LockQueue lock)
        {
            final String name = (election ? "election:" : "") +
                new String(lock.name().bytes(), 0, lock.name().length(), StandardCharsets.UTF_8);
            final Map<Long, Holder> holders = new LinkedHashMap<>();
            for (int i = 0, n = lock.holderCount(); i < n; i++)
            {
                final LockClaim claim = lock.holder(i);
                holders.put(claim.sessionId(),
                    new Holder(claim.sessionId(), claim.token(), claim.mode() != LockMode.SHARED));
            }
            if (!holders.isEmpty())
            {
                locks.put(name, holders);
            }
        }

        public void watch(final Watch watch)
        {
            throw STOP;
        }

        public void historyEvent(final ChangeEvent event)
        {
            throw STOP;
        }

        public void auth(final io.warden.node.domain.auth.AuthTable auth)
        {
            throw STOP;
        }

        public void end()
        {
        }
    }

    private void diff(
        final long position,
        final long timeMs,
        final int kind,
        final DirectBuffer frame,
        final int frameOffset,
        final int frameLength)
    {
        final List<AuditEvent> audit = result.audit;
        final Set<Long> ended = new HashSet<>();

        for (final Map.Entry<Long, SessionInfo> e : before.sessions.entrySet())
        {
            if (!after.sessions.containsKey(e.getKey()))
            {
                ended.add(e.getKey());
                audit.add(new AuditEvent.SessionEnded(position, timeMs, e.getKey(),
                    kind == CloseSessionDecoder.TEMPLATE_ID ?
                    AuditEvent.EndCause.CLOSED : AuditEvent.EndCause.EXPIRED));
            }
        }
        for (final Map.Entry<Long, SessionInfo> e : after.sessions.entrySet())
        {
            final SessionInfo previous = before.sessions.get(e.getKey());
            if (null == previous)
            {
                audit.add(new AuditEvent.SessionOpened(position, timeMs, e.getKey(), e.getValue().ttlMs()));
            }
            else if (kind != Kind.NEW_TERM && kind != KeepAliveBatchDecoder.TEMPLATE_ID &&
                e.getValue().expiryMs() > previous.expiryMs())
            {
                audit.add(new AuditEvent.KeepAlive(position, timeMs, e.getKey()));
            }
        }
        if (kind == KeepAliveBatchDecoder.TEMPLATE_ID)
        {
            for (final long[] renewal : keepAliveSessions(frame, frameOffset, frameLength))
            {
                final long session = renewal[0];
                if (before.sessions.containsKey(session) && after.sessions.containsKey(session))
                {
                    // the node renews from when the gateway last heard from the client: now - silentMs
                    audit.add(new AuditEvent.KeepAlive(position, timeMs - renewal[1], session, renewal[1]));
                }
            }
        }

        // Releases before grants: a hand-off in one command releases the old holder, then grants the next.
        for (final Map.Entry<String, Map<Long, Holder>> lock : before.locks.entrySet())
        {
            final Map<Long, Holder> now = after.locks.getOrDefault(lock.getKey(), Map.of());
            for (final Holder holder : lock.getValue().values())
            {
                final Holder current = now.get(holder.session());
                if (null == current || current.token() != holder.token())
                {
                    audit.add(new AuditEvent.Released(position, timeMs, lock.getKey(), holder.session(),
                        holder.token(), ended.contains(holder.session()) ? AuditEvent.Cause.SESSION_END :
                        AuditEvent.Cause.CLIENT));
                }
            }
        }
        for (final Map.Entry<String, Entry> key : before.keys.entrySet())
        {
            final Entry previous = key.getValue();
            final Entry current = after.keys.get(key.getKey());
            if (previous.owner() != 0 && (null == current || current.owner() != previous.owner()))
            {
                audit.add(new AuditEvent.EphemeralDeleted(position, timeMs, key.getKey(), previous.owner(),
                    null == current && ended.contains(previous.owner()) ? AuditEvent.Cause.SESSION_END :
                    AuditEvent.Cause.CLIENT));
            }
        }
        for (final Map.Entry<String, Map<Long, Holder>> lock : after.locks.entrySet())
        {
            final Map<Long, Holder> previous = before.locks.getOrDefault(lock.getKey(), Map.of());
            for (final Holder holder : lock.getValue().values())
            {
                final Holder old = previous.get(holder.session());
                if (null == old || old.token() != holder.token())
                {
                    audit.add(new AuditEvent.Granted(position, timeMs, lock.getKey(), holder.session(),
                        holder.token(), holder.exclusive()));
                }
            }
        }

        final List<Change> changes = new ArrayList<>();
        for (final Map.Entry<String, Entry> key : after.keys.entrySet())
        {
            final Entry previous = before.keys.get(key.getKey());
            final Entry current = key.getValue();
            if (null == previous || previous.modRevision() != current.modRevision())
            {
                changes.add(Change.put(current.modRevision(), key.getKey()));
                if (current.owner() != 0 && (null == previous || previous.owner() != current.owner()))
                {
                    audit.add(new AuditEvent.EphemeralCreated(position, timeMs, key.getKey(), current.owner()));
                }
            }
        }
        for (final String key : before.keys.keySet())
        {
            if (!after.keys.containsKey(key))
            {
                changes.add(Change.delete(after.revision, key));
            }
        }
        changes.sort((x, y) -> x.revision() != y.revision() ? Long.compare(x.revision(), y.revision()) :
            x.key().compareTo(y.key()));
        result.changes.addAll(changes);
        final long sender = null == frame ? 0 : FrameCheck.sessionIdOf(frame, frameOffset, frameLength);
        for (final Change change : changes)
        {
            result.keyChanges.add(new AuditEvent.KeyChanged(position, timeMs, change.key(), change.revision(),
                change.type(), sender));
        }
    }

    /**
     * The sessions of a keepalive batch, each as {sessionId, silentMs}.
     */
    private List<long[]> keepAliveSessions(final DirectBuffer frame, final int offset, final int length)
    {
        final List<long[]> sessions = new ArrayList<>();
        try
        {
            wardenHeader.wrap(frame, offset);
            keepAliveBatch.wrapAndApplyHeader(frame, offset, wardenHeader);
            for (final KeepAliveBatchDecoder.SessionsDecoder s : keepAliveBatch.sessions())
            {
                sessions.add(new long[]{ s.sessionId(), s.silentMs() });
            }
        }
        catch (final RuntimeException ex)
        {
            sessions.clear(); // a malformed batch renewed nothing: the node refused it too
        }
        return length > 0 ? sessions : List.of();
    }
}
