package io.warden.node.domain.kv;

import io.warden.node.domain.Key;
import io.warden.node.domain.QuotaCheck;
import io.warden.node.domain.ReplicatedLimits;
import io.warden.node.domain.Revision;
import io.warden.node.domain.Slice;
import io.warden.node.domain.StateBudget;
import io.warden.schema.KeyRules;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.TxnOpType;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The key-value store. Keys are kept sorted so ranges and every iteration are in one deterministic order. Each change
 * takes the command's revision, goes into the command's {@link ChangeList} and from there to watches and history.
 * <p>
 * Checks ({@code check*}) never change anything; apply methods assume their check passed.
 * <p>
 * Accounting: every entry's cost ({@link StateBudget#entryBytes}) is in the budget, and is charged to the session
 * that last wrote it for as long as that session lives ({@link SessionCharge}); a session's caps are checked against
 * its charge.
 */
public final class KvStore
{
    private static final KvEntry ABSENT = new KvEntry(Key.empty(), new byte[0], 0, 0, 0, 0);

    private final TreeMap<Key, KvEntry> entries = new TreeMap<>();
    private final Long2ObjectHashMap<TreeSet<Key>> keysByOwner = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<SessionCharge> charges = new Long2ObjectHashMap<>();
    private final Revision revision;
    private final ReplicatedLimits limits;
    private final ChangeList changes;
    private final ChangeHistory history;
    private final StateBudget budget;
    private final ArrayList<Key> scratchKeys = new ArrayList<>();
    private final SessionCharge scratchCharge = new SessionCharge();

    public KvStore(
        final Revision revision,
        final ReplicatedLimits limits,
        final ChangeList changes,
        final ChangeHistory history,
        final StateBudget budget)
    {
        this.revision = revision;
        this.limits = limits;
        this.changes = changes;
        this.history = history;
        this.budget = budget;
    }

    public int size()
    {
        return entries.size();
    }

    public KvEntry get(final Key key)
    {
        return entries.get(key);
    }

    /**
     * Can a client write this key (put or delete)?
     */
    public static ResultCode checkWritableKey(final Key key)
    {
        return KeyRules.checkWritableName(key.bytes(), key.length());
    }

    /**
     * Can a client delete every key under this prefix? Reserved keys are skipped, but a prefix inside the reserved
     * space is refused.
     */
    public static ResultCode checkWritablePrefix(final Key prefix)
    {
        return KeyRules.checkWritablePrefix(prefix.bytes(), prefix.length());
    }

    /**
     * Is a value of this length accepted under the current limits?
     */
    public ResultCode checkValue(final int valueLength)
    {
        return valueLength > limits.maxValueLength() ? ResultCode.VALUE_TOO_LARGE : ResultCode.OK;
    }

    /**
     * Put a value, creating the key if needed. A put that changes the owner moves the key between sessions.
     *
     * @param key        the key (a probe is fine; it is copied when the key is new).
     * @param value      the value, now owned by the store and never modified.
     * @param owner      session id for an ephemeral key, 0 for a persistent one.
     * @param recreate   start a new lifetime (version 1, new create revision) even if the key exists.
     * @param chargeTo   the session charged with the key from now on (the writer), 0 for none.
     * @param sequential the key is being created by {@code CreateSequential}.
     * @return the entry after the put.
     */
    public KvEntry put(
        final Key key,
        final byte[] value,
        final long owner,
        final boolean recreate,
        final long chargeTo,
        final boolean sequential)
    {
        return put(key, value, false, owner, recreate, chargeTo, sequential);
    }

    /**
     * Put a copy of a value (a plain put from a client), in an array the store owns alone and reuses once history
     * has let go of it.
     *
     * @param key      the key (a probe is fine; it is copied when the key is new).
     * @param value    the value's bytes, copied.
     * @param owner    session id for an ephemeral key, 0 for a persistent one.
     * @param chargeTo the session charged with the key from now on (the writer).
     * @return the entry after the put.
     */
    public KvEntry putCopy(final Key key, final Slice value, final long owner, final long chargeTo)
    {
        return put(key, history.copyValue(value), ValuePool.isPoolable(value.length()), owner, false, chargeTo, false);
    }

    private KvEntry put(
        final Key key,
        final byte[] value,
        final boolean valuePooled,
        final long owner,
        final boolean recreate,
        final long chargeTo,
        final boolean sequential)
    {
        final long rev = revision.stamp();
        KvEntry entry = entries.get(key);
        final ChangeEvent event = history.newEvent();
        event.setPrevious(entry);
        if (entry == null)
        {
            entry = new KvEntry(key.copy(), value, rev, rev, 1, owner);
            entry.valuePooled = valuePooled;
            entry.sequential = sequential;
            entries.put(entry.key, entry);
            track(entry.key, owner);
            account(entry, chargeTo);
        }
        else
        {
            if (entry.ownerSessionId != owner)
            {
                untrack(entry.key, entry.ownerSessionId);
                track(entry.key, owner);
            }
            unaccount(entry, true);
            entry.value = value;
            entry.valuePooled = valuePooled;
            entry.modRevision = rev;
            if (recreate)
            {
                entry.createRevision = rev;
                entry.version = 1;
            }
            else
            {
                entry.version++;
            }
            entry.ownerSessionId = owner;
            account(entry, chargeTo);
        }
        event.type = EventType.PUT;
        event.revision = rev;
        event.key = entry.key;
        event.value = entry.value;
        event.createRevision = entry.createRevision;
        event.modRevision = rev;
        event.version = entry.version;
        event.ownerSessionId = owner;
        changes.add(event);
        return entry;
    }

    /**
     * Delete one key.
     *
     * @return true if it existed.
     */
    public boolean delete(final Key key)
    {
        final KvEntry entry = entries.remove(key);
        if (entry == null)
        {
            return false;
        }
        recordDelete(entry);
        return true;
    }

    /**
     * Delete every key under a prefix, except reserved keys, in key order.
     *
     * @return how many were deleted.
     */
    public int deletePrefix(final Key prefix)
    {
        scratchKeys.clear();
        for (final Key key : entries.tailMap(prefix, true).keySet())
        {
            if (!key.startsWith(prefix))
            {
                break;
            }
            if (!KeyRules.isReserved(key.bytes(), key.length()))
            {
                scratchKeys.add(key);
            }
        }
        for (int i = 0, n = scratchKeys.size(); i < n; i++)
        {
            recordDelete(entries.remove(scratchKeys.get(i)));
        }
        final int deleted = scratchKeys.size();
        scratchKeys.clear();
        return deleted;
    }

    /**
     * Delete every ephemeral key of a session, in key order.
     *
     * @return how many were deleted.
     */
    public int deleteOwnedBy(final long sessionId)
    {
        final TreeSet<Key> owned = keysByOwner.remove(sessionId);
        if (owned == null)
        {
            return 0;
        }
        int deleted = 0;
        for (final Key key : owned)
        {
            final KvEntry entry = entries.remove(key);
            recordDelete(entry);
            deleted++;
        }
        return deleted;
    }

    /**
     * Number of ephemeral keys a session owns.
     */
    public int ownedCount(final long sessionId)
    {
        final TreeSet<Key> owned = keysByOwner.get(sessionId);
        return owned == null ? 0 : owned.size();
    }

    private void recordDelete(final KvEntry entry)
    {
        untrack(entry.key, entry.ownerSessionId);
        unaccount(entry, false);
        final long rev = revision.stamp();
        final ChangeEvent event = history.newEvent();
        event.setPrevious(entry);
        event.type = EventType.DELETE;
        event.revision = rev;
        event.key = entry.key;
        event.value = ChangeEvent.empty();
        event.createRevision = 0;
        event.modRevision = rev;
        event.version = 0;
        event.ownerSessionId = 0;
        changes.add(event);
    }

    private void track(final Key key, final long owner)
    {
        if (owner != 0 && !KeyRules.isReserved(key.bytes(), key.length()))
        {
            TreeSet<Key> owned = keysByOwner.get(owner);
            if (owned == null)
            {
                owned = new TreeSet<>();
                keysByOwner.put(owner, owned);
            }
            owned.add(key);
        }
    }

    private void untrack(final Key key, final long owner)
    {
        if (owner != 0)
        {
            final TreeSet<Key> owned = keysByOwner.get(owner);
            if (owned != null)
            {
                owned.remove(key);
                if (owned.isEmpty())
                {
                    keysByOwner.remove(owner);
                }
            }
        }
    }

    /**
     * Read one page of the keys under a prefix, in key order, as of a revision.
     *
     * @param prefix     keys must start with this (empty for all keys).
     * @param startAfter continue after this key (empty for the first page).
     * @param pageSize   entries wanted; 0 or more than the maximum means the maximum.
     * @param atRevision 0 for now, else a past revision still covered by the history.
     * @param result     filled with the page.
     * @return OK, INVALID_ARGUMENT for a future or negative revision, COMPACTED when too old, or a key check code.
     */
    public ResultCode range(
        final Key prefix, final Key startAfter, final int pageSize, final long atRevision, final RangeResult result)
    {
        ResultCode code = KeyRules.checkPrefix(prefix.bytes(), prefix.length());
        if (code == ResultCode.OK)
        {
            code = KeyRules.checkPrefix(startAfter.bytes(), startAfter.length());
        }
        if (code != ResultCode.OK)
        {
            return code;
        }
        final long current = revision.current();
        if (atRevision < 0 || atRevision > current || pageSize < 0)
        {
            return ResultCode.INVALID_ARGUMENT;
        }
        final int limit = pageSize == 0 || pageSize > WardenLimits.MAX_RANGE_PAGE_SIZE ?
            WardenLimits.MAX_RANGE_PAGE_SIZE : pageSize;
        if (atRevision == 0 || atRevision == current)
        {
            result.reset(current);
            collect(iterateFrom(prefix, startAfter), null, prefix, limit, result);
            return ResultCode.OK;
        }
        if (atRevision < history.compactRevision())
        {
            return ResultCode.COMPACTED;
        }
        result.reset(atRevision);
        collect(iterateFrom(prefix, startAfter), overridesSince(atRevision, prefix, startAfter), prefix, limit, result);
        return ResultCode.OK;
    }

    private Iterator<KvEntry> iterateFrom(final Key prefix, final Key startAfter)
    {
        final NavigableMap<Key, KvEntry> tail = startAfter.isEmpty() || startAfter.compareTo(prefix) < 0 ?
            entries.tailMap(prefix, true) : entries.tailMap(startAfter, false);
        return tail.values().iterator();
    }

    /**
     * For every key in range changed after the revision, its state at the revision (ABSENT if it did not exist).
     */
    private TreeMap<Key, KvEntry> overridesSince(final long atRevision, final Key prefix, final Key startAfter)
    {
        final TreeMap<Key, KvEntry> overrides = new TreeMap<>();
        for (int i = history.firstIndexAtOrAfter(atRevision + 1), n = history.size(); i < n; i++)
        {
            final ChangeEvent e = history.get(i);
            if (e.key.startsWith(prefix) && (startAfter.isEmpty() || e.key.compareTo(startAfter) > 0) &&
                !overrides.containsKey(e.key))
            {
                overrides.put(e.key, e.hadPrevious() ? new KvEntry(
                    e.key, e.prevValue, e.prevCreateRevision, e.prevModRevision, e.prevVersion, e.prevOwnerSessionId) :
                    ABSENT);
            }
        }
        return overrides;
    }

    private static void collect(
        final Iterator<KvEntry> current,
        final TreeMap<Key, KvEntry> overrides,
        final Key prefix,
        final int limit,
        final RangeResult result)
    {
        final Iterator<Map.Entry<Key, KvEntry>> past = overrides == null ? null : overrides.entrySet().iterator();
        KvEntry nextCurrent = nextInPrefix(current, prefix);
        Map.Entry<Key, KvEntry> nextPast = past != null && past.hasNext() ? past.next() : null;
        long bytes = 0;
        while (nextCurrent != null || nextPast != null)
        {
            final KvEntry candidate;
            if (nextPast == null || (nextCurrent != null && nextCurrent.key.compareTo(nextPast.getKey()) < 0))
            {
                candidate = nextCurrent;
                nextCurrent = nextInPrefix(current, prefix);
            }
            else
            {
                if (nextCurrent != null && nextCurrent.key.equals(nextPast.getKey()))
                {
                    nextCurrent = nextInPrefix(current, prefix);
                }
                candidate = nextPast.getValue() == ABSENT ? null : nextPast.getValue();
                nextPast = past.hasNext() ? past.next() : null;
            }
            if (candidate == null)
            {
                continue;
            }
            if (result.entries.size() == limit || (bytes >= WardenLimits.MAX_RANGE_PAGE_BYTES))
            {
                result.more = true;
                return;
            }
            result.entries.add(candidate);
            bytes += candidate.key.length() + candidate.value.length;
        }
    }

    private static KvEntry nextInPrefix(final Iterator<KvEntry> iterator, final Key prefix)
    {
        if (iterator.hasNext())
        {
            final KvEntry entry = iterator.next();
            return entry.key.startsWith(prefix) ? entry : null;
        }
        return null;
    }

    /**
     * Check a transaction without applying it: sizes, keys, values, and that no branch writes one key twice.
     */
    public ResultCode checkTxn(final TxnCommand txn)
    {
        if (txn.compareCount() + txn.thenCount() + txn.elseCount() > WardenLimits.MAX_TXN_OPS)
        {
            return ResultCode.LIMIT_EXCEEDED;
        }
        long bytes = 0;
        for (int i = 0; i < txn.compareCount(); i++)
        {
            final TxnCommand.Compare c = txn.compare(i);
            final ResultCode code = KeyRules.checkName(c.key.bytes(), c.key.length());
            if (code != ResultCode.OK)
            {
                return code;
            }
            bytes += c.key.length() + c.value.length;
        }
        final ResultCode thenCode = checkOps(txn, true);
        if (thenCode != ResultCode.OK)
        {
            return thenCode;
        }
        final ResultCode elseCode = checkOps(txn, false);
        if (elseCode != ResultCode.OK)
        {
            return elseCode;
        }
        bytes += opBytes(txn, true) + opBytes(txn, false);
        return bytes > WardenLimits.MAX_TXN_BYTES ? ResultCode.LIMIT_EXCEEDED : ResultCode.OK;
    }

    private static long opBytes(final TxnCommand txn, final boolean thenBranch)
    {
        long bytes = 0;
        final int count = thenBranch ? txn.thenCount() : txn.elseCount();
        for (int i = 0; i < count; i++)
        {
            final TxnCommand.Op op = thenBranch ? txn.thenOp(i) : txn.elseOp(i);
            bytes += op.key.length() + op.value.length;
        }
        return bytes;
    }

    private ResultCode checkOps(final TxnCommand txn, final boolean thenBranch)
    {
        final int count = thenBranch ? txn.thenCount() : txn.elseCount();
        for (int i = 0; i < count; i++)
        {
            final TxnCommand.Op op = thenBranch ? txn.thenOp(i) : txn.elseOp(i);
            final ResultCode keyCode = op.type == TxnOpType.DELETE_PREFIX ?
                checkWritablePrefix(op.key) : checkWritableKey(op.key);
            if (keyCode != ResultCode.OK)
            {
                return keyCode;
            }
            if (op.type == TxnOpType.PUT)
            {
                final ResultCode valueCode = checkValue(op.value.length);
                if (valueCode != ResultCode.OK)
                {
                    return valueCode;
                }
            }
            for (int j = 0; j < i; j++)
            {
                final TxnCommand.Op earlier = thenBranch ? txn.thenOp(j) : txn.elseOp(j);
                if (overlaps(earlier, op))
                {
                    return ResultCode.INVALID_ARGUMENT;
                }
            }
        }
        return ResultCode.OK;
    }

    private static boolean overlaps(final TxnCommand.Op a, final TxnCommand.Op b)
    {
        final boolean aPrefix = a.type == TxnOpType.DELETE_PREFIX;
        final boolean bPrefix = b.type == TxnOpType.DELETE_PREFIX;
        if (aPrefix && bPrefix)
        {
            return a.key.startsWith(b.key) || b.key.startsWith(a.key);
        }
        if (aPrefix)
        {
            return b.key.startsWith(a.key);
        }
        if (bPrefix)
        {
            return a.key.startsWith(b.key);
        }
        return a.key.equals(b.key);
    }

    /**
     * Evaluate the compares against the current state.
     */
    public boolean evaluate(final TxnCommand txn)
    {
        for (int i = 0; i < txn.compareCount(); i++)
        {
            if (!holds(txn.compare(i)))
            {
                return false;
            }
        }
        return true;
    }

    private boolean holds(final TxnCommand.Compare c)
    {
        final KvEntry entry = entries.get(c.key);
        final int comparison;
        switch (c.target)
        {
            case VALUE:
                if (entry == null)
                {
                    return false;
                }
                comparison = java.util.Arrays.compareUnsigned(entry.value, c.value);
                break;
            case VERSION:
                comparison = Long.compare(entry == null ? 0 : entry.version, c.number);
                break;
            case CREATE_REVISION:
                comparison = Long.compare(entry == null ? 0 : entry.createRevision, c.number);
                break;
            case MOD_REVISION:
                comparison = Long.compare(entry == null ? 0 : entry.modRevision, c.number);
                break;
            default:
                return false;
        }
        return matches(c.op, comparison);
    }

    private static boolean matches(final CompareOp op, final int comparison)
    {
        switch (op)
        {
            case EQUAL:
                return comparison == 0;
            case NOT_EQUAL:
                return comparison != 0;
            case LESS:
                return comparison < 0;
            case GREATER:
                return comparison > 0;
            default:
                return false;
        }
    }

    /**
     * Apply one branch of a checked transaction.
     */
    public void applyOps(final TxnCommand txn, final boolean thenBranch, final long sessionId)
    {
        final int count = thenBranch ? txn.thenCount() : txn.elseCount();
        for (int i = 0; i < count; i++)
        {
            final TxnCommand.Op op = thenBranch ? txn.thenOp(i) : txn.elseOp(i);
            switch (op.type)
            {
                case PUT:
                    put(op.key, op.value, op.ephemeral ? sessionId : 0, false, sessionId, false);
                    break;
                case DELETE:
                    delete(op.key);
                    break;
                case DELETE_PREFIX:
                    deletePrefix(op.key);
                    break;
                default:
                    break;
            }
        }
    }

    /**
     * Entries in key order (snapshots, digests).
     */
    public Iterable<KvEntry> entries()
    {
        return entries.values();
    }

    /**
     * Restore one entry from a snapshot.
     *
     * @param entry  the entry, with its charge set ({@link KvEntry#charge}).
     * @param charge the entry's charged session is live (sessions are restored first), so it is charged again.
     */
    public void restore(final KvEntry entry, final boolean charge)
    {
        entries.put(entry.key, entry);
        track(entry.key, entry.ownerSessionId);
        final long charged = entry.chargedSessionId;
        account(entry, charge ? charged : 0);
        entry.chargedSessionId = charged;
    }

    // ------------------------------------------------------------------------------------------------ accounting

    /**
     * What a session is charged with now, or null if nothing. Do not modify.
     */
    public SessionCharge chargeOf(final long sessionId)
    {
        return charges.get(sessionId);
    }

    /**
     * A session ended: it is charged with nothing any more (the persistent keys it wrote stay, charged to nobody).
     */
    public void dropCharges(final long sessionId)
    {
        charges.remove(sessionId);
    }

    /**
     * Accounted growth of the store if a value of this length were put at this key.
     */
    public long putGrowth(final Key key, final int valueLength)
    {
        final KvEntry entry = entries.get(key);
        return entry == null ?
            StateBudget.entryBytes(key.length(), valueLength) : (long)valueLength - entry.value.length;
    }

    /**
     * Would charging a session with this put keep it within its caps? Fills {@code check} when not.
     *
     * @param sessionId   the writer, charged with the key from now on.
     * @param key         the key.
     * @param valueLength the new value's length.
     * @param sequential  the put creates a sequential key.
     */
    public boolean checkCharge(
        final long sessionId, final Key key, final int valueLength, final boolean sequential, final QuotaCheck check)
    {
        scratchCharge.clear();
        addChargeDelta(sessionId, key, valueLength, sequential, scratchCharge);
        return checkChargeDelta(sessionId, scratchCharge, check);
    }

    /**
     * Accounted growth of applying one branch of a transaction: the sum over its puts (its deletes are not counted,
     * which only errs towards refusing).
     */
    public long txnGrowth(final TxnCommand txn, final boolean thenBranch)
    {
        long growth = 0;
        final int count = thenBranch ? txn.thenCount() : txn.elseCount();
        for (int i = 0; i < count; i++)
        {
            final TxnCommand.Op op = thenBranch ? txn.thenOp(i) : txn.elseOp(i);
            if (op.type == TxnOpType.PUT)
            {
                growth += putGrowth(op.key, op.value.length);
            }
        }
        return growth;
    }

    /**
     * {@link #checkCharge} for every put of one branch of a transaction together (their keys are distinct).
     */
    public boolean checkTxnCharge(
        final long sessionId, final TxnCommand txn, final boolean thenBranch, final QuotaCheck check)
    {
        scratchCharge.clear();
        final int count = thenBranch ? txn.thenCount() : txn.elseCount();
        for (int i = 0; i < count; i++)
        {
            final TxnCommand.Op op = thenBranch ? txn.thenOp(i) : txn.elseOp(i);
            if (op.type == TxnOpType.PUT)
            {
                addChargeDelta(sessionId, op.key, op.value.length, false, scratchCharge);
            }
        }
        return checkChargeDelta(sessionId, scratchCharge, check);
    }

    private void addChargeDelta(
        final long sessionId, final Key key, final int valueLength, final boolean sequential, final SessionCharge delta)
    {
        final KvEntry entry = entries.get(key);
        final long newBytes = StateBudget.entryBytes(key.length(), valueLength);
        if (entry != null && entry.chargedSessionId == sessionId && charges.get(sessionId) != null)
        {
            delta.bytes += newBytes - StateBudget.entryBytes(key.length(), entry.value.length);
        }
        else
        {
            delta.keys++;
            delta.bytes += newBytes;
            if (sequential || (entry != null && entry.sequential))
            {
                delta.sequential++;
            }
        }
    }

    private boolean checkChargeDelta(final long sessionId, final SessionCharge delta, final QuotaCheck check)
    {
        final SessionCharge current = charges.get(sessionId);
        final long keys = current == null ? 0 : current.keys;
        final long bytes = current == null ? 0 : current.bytes;
        final long sequential = current == null ? 0 : current.sequential;
        if (delta.keys > 0 && keys + delta.keys > limits.maxKeysPerSession())
        {
            return check.refuse(
                QuotaCheck.Limit.SESSION_KEYS, sessionId, limits.maxKeysPerSession(), keys, delta.keys);
        }
        if (delta.sequential > 0 && sequential + delta.sequential > limits.maxSequentialPerSession())
        {
            return check.refuse(QuotaCheck.Limit.SESSION_SEQUENTIAL, sessionId, limits.maxSequentialPerSession(),
                sequential, delta.sequential);
        }
        if (delta.bytes > 0 && bytes + delta.bytes > limits.maxBytesPerSession())
        {
            return check.refuse(
                QuotaCheck.Limit.SESSION_BYTES, sessionId, limits.maxBytesPerSession(), bytes, delta.bytes);
        }
        return true;
    }

    private void account(final KvEntry entry, final long chargeTo)
    {
        final long bytes = StateBudget.entryBytes(entry.key.length(), entry.value.length);
        budget.add(bytes);
        entry.chargedSessionId = chargeTo;
        if (chargeTo != 0)
        {
            SessionCharge charge = charges.get(chargeTo);
            if (charge == null)
            {
                charge = new SessionCharge();
                charges.put(chargeTo, charge);
            }
            charge.keys++;
            charge.bytes += bytes;
            if (entry.sequential)
            {
                charge.sequential++;
            }
        }
    }

    /**
     * @param rewriting the entry is accounted again at once (a put over it): keep an emptied charge, so the common
     *                  rewrite of a session's only key allocates nothing.
     */
    private void unaccount(final KvEntry entry, final boolean rewriting)
    {
        final long bytes = StateBudget.entryBytes(entry.key.length(), entry.value.length);
        budget.remove(bytes);
        final SessionCharge charge = entry.chargedSessionId == 0 ? null : charges.get(entry.chargedSessionId);
        if (charge != null)
        {
            charge.keys--;
            charge.bytes -= bytes;
            if (entry.sequential)
            {
                charge.sequential--;
            }
            if (charge.keys == 0 && !rewriting)
            {
                charges.remove(entry.chargedSessionId);
            }
        }
    }
}
