package io.warden.schema;

/**
 * Limits shared by node, gateway and client. The gateway checks them first to spare the cluster; the node checks
 * them again and is the authority. Limits that change what the state machine accepts at run time (value size,
 * history size) are replicated state: these are their defaults and hard ceilings.
 */
public final class WardenLimits
{
    /** Longest key, lock name or election name in bytes of UTF-8. */
    public static final int MAX_KEY_LENGTH = 1024;

    /** Longest client name given when a session is opened. */
    public static final int MAX_CLIENT_NAME_LENGTH = 128;

    /** Default largest value; can be raised at run time up to {@link #MAX_VALUE_LENGTH_CEILING}. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 64 * 1024;

    /** Largest value the node can ever be configured to accept. */
    public static final int MAX_VALUE_LENGTH_CEILING = 1024 * 1024;

    /** Compares plus operations in one transaction, like etcd's default. */
    public static final int MAX_TXN_OPS = 128;

    /** Sum of key and value bytes in one transaction. */
    public static final int MAX_TXN_BYTES = 1024 * 1024;

    /** Largest page of a range, in entries. */
    public static final int MAX_RANGE_PAGE_SIZE = 1000;

    /** A range page stops once its keys and values reach this many bytes (it always holds at least one entry). */
    public static final int MAX_RANGE_PAGE_BYTES = 256 * 1024;

    /**
     * Default of the replicated cap on watch registrations held by the node for one connection (one gateway); the
     * cap can be changed at run time up to {@link #MAX_WATCHES_PER_CONNECTION_CEILING}.
     */
    public static final int MAX_WATCHES_PER_CONNECTION = 100_000;
    public static final int MAX_WATCHES_PER_CONNECTION_CEILING = 10_000_000;

    /** Watches one client may hold at a gateway. */
    public static final int MAX_WATCHES_PER_CLIENT = 1_000;

    /** Sessions one client may hold at a gateway. */
    public static final int MAX_SESSIONS_PER_CLIENT = 64;

    /** Live sessions in the whole cluster. */
    public static final int MAX_SESSIONS = 1_000_000;

    /**
     * Default of the replicated cap on locks (and, separately, candidacies) one session holds or waits for; it can
     * be changed at run time up to {@link #MAX_LOCKS_PER_SESSION_CEILING}.
     */
    public static final int MAX_LOCKS_PER_SESSION = 10_000;
    public static final int MAX_LOCKS_PER_SESSION_CEILING = 1_000_000;

    /**
     * Default budget of the replicated state, in accounted bytes (keys, values, sessions, remembered answers, locks,
     * watches and the watch history). A node's heap must hold several times this (see the node's start check); the
     * default fits the scripts' 1 GiB node heap with a wide margin.
     */
    public static final long DEFAULT_STATE_QUOTA_BYTES = 256L * 1024 * 1024;

    /** Smallest state budget beyond the watch history's own bound ({@code historyMaxBytes}). */
    public static final long MIN_STATE_QUOTA_HEADROOM_BYTES = 4L * 1024;

    /** Largest state budget the node can be configured with. */
    public static final long MAX_STATE_QUOTA_BYTES = 64L * 1024 * 1024 * 1024;

    /** Defaults of the replicated caps on what one live session is charged with (the keys it last wrote). */
    public static final int DEFAULT_MAX_KEYS_PER_SESSION = 100_000;
    public static final long DEFAULT_MAX_BYTES_PER_SESSION = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_SEQUENTIAL_PER_SESSION = 50_000;

    /** Mutations of one session whose answers are remembered for retries and not yet acknowledged. */
    public static final int MAX_UNACKNOWLEDGED_PER_SESSION = 1024;

    /** Sessions renewed by one keepalive batch. */
    public static final int MAX_KEEPALIVE_BATCH = 8192;

    /**
     * Cluster sessions (connections to the cell) one principal ({@code gateway:gateway-0}) may use at once. A gateway
     * needs one, and briefly two while it reconnects; beyond this a connection is closed and its requests are
     * answered LIMIT_EXCEEDED, so that a faulty gateway cannot take the sessions the others need. The same on every
     * node by construction: it is part of the protocol, not of a node's configuration.
     */
    public static final int MAX_CONNECTIONS_PER_PRINCIPAL = 4;

    /** Users a cell holds (each a few hundred bytes: a name, a salt, two keys and its role names). */
    public static final int MAX_USERS = 10_000;

    /** Roles a cell holds. */
    public static final int MAX_ROLES = 1_000;

    /** Roles one user holds. */
    public static final int MAX_ROLES_PER_USER = 64;

    /** Grants (resource, prefix, permissions) one role holds. */
    public static final int MAX_GRANTS_PER_ROLE = 256;

    /** Longest user or role name, in bytes. */
    public static final int MAX_AUTH_NAME_LENGTH = 64;

    /** Longest login token a gateway issues or accepts, in bytes. */
    public static final int MAX_TOKEN_LENGTH = 64;

    /** Shortest and longest session time-to-live. */
    public static final long MIN_SESSION_TTL_MS = 500;
    public static final long MAX_SESSION_TTL_MS = 3_600_000;

    /** Longest lock-delay a holder may ask for. */
    public static final long MAX_LOCK_DELAY_MS = 60_000;

    /** Longest finite wait for a lock; -1 waits for ever. */
    public static final long MAX_WAIT_TIMEOUT_MS = 86_400_000;

    /** Default and ceiling of the watch history (events kept for resuming watches and reading at old revisions). */
    public static final int DEFAULT_HISTORY_MAX_EVENTS = 16_384;
    public static final int MAX_HISTORY_MAX_EVENTS = 4_194_304;
    public static final long DEFAULT_HISTORY_MAX_BYTES = 32L * 1024 * 1024;
    public static final long MAX_HISTORY_MAX_BYTES = 1024L * 1024 * 1024;

    /** Keys under this prefix are written by Warden itself (election mirrors); clients may read and watch them. */
    public static final String RESERVED_PREFIX = "/_warden/";

    /** Where an election's leader is mirrored: {@code ELECTION_PREFIX + electionName}. */
    public static final String ELECTION_PREFIX = RESERVED_PREFIX + "election/";

    /** Digits of the number that {@code CreateSequential} appends to its prefix. */
    public static final int SEQUENTIAL_DIGITS = 19;

    private WardenLimits()
    {
    }
}
