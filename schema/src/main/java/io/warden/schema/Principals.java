package io.warden.schema;

/**
 * Who a forwarded request acts for, as the gateway's {@code OnBehalf} envelope names it: a user id the state machine
 * assigned (1 and up), or one of these.
 * <p>
 * Example (the gateway tagging a request from a connection that logged in with the admin credential):
 * <pre>{@code
 * onBehalf.userId(connection.admin ? Principals.GATEWAY_ADMIN_USER : connection.userId);
 * }</pre>
 */
public final class Principals
{
    /** No user: the client did not log in (allowed only while authentication is off). */
    public static final long NO_USER = 0;

    /**
     * The client presented the gateway's admin credential rather than a user's password. While authentication is
     * off it may do what an operator may (ConfigureLimits); once it is on, only users with the admin permission may.
     */
    public static final long GATEWAY_ADMIN_USER = -1;

    /** The name of the user that must exist, holding the role of the same name, before authentication is turned on. */
    public static final String ROOT = "root";

    private Principals()
    {
    }
}
