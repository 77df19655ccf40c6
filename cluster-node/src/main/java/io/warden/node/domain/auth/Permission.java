package io.warden.node.domain.auth;

/**
 * The permission bits, as the protocol's {@code Permissions} set numbers them.
 */
public final class Permission
{
    /** Get, Range, txn compares; DescribeLock, LockStatus, CheckFence; Leader; the events a watch delivers. */
    public static final int READ = 1;
    /** Put, Delete, delete-by-prefix, CreateSequential, txn puts and deletes; Proclaim. */
    public static final int WRITE = 1 << 1;
    /** Acquire and Release. */
    public static final int ACQUIRE = 1 << 2;
    /** Campaign and Resign. */
    public static final int CAMPAIGN = 1 << 3;
    /** Watch. */
    public static final int WATCH = 1 << 4;
    /** Everything, everywhere, plus users, roles, auth and limits. */
    public static final int ADMIN = 1 << 5;
    /** Every bit. */
    public static final int ALL = (1 << 6) - 1;

    private Permission()
    {
    }

    /**
     * @return the bits as {@code read,write,...}.
     */
    public static String describe(final int permissions)
    {
        final String[] names = { "read", "write", "lock", "elect", "watch", "admin" };
        final StringBuilder text = new StringBuilder();
        for (int bit = 0; bit < names.length; bit++)
        {
            if ((permissions & (1 << bit)) != 0)
            {
                text.append(text.length() == 0 ? "" : ",").append(names[bit]);
            }
        }
        return text.toString();
    }
}
