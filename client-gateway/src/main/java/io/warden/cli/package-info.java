/**
 * {@code warden}, the command-line tool: put, get, del, range, txn, watch, lock, elect, session, status, members,
 * like {@code etcdctl}. Human-readable output by default, {@code --json} for scripts, and exit codes a script can act
 * on ({@link io.warden.cli.ExitCodes}). Each command connects through a gateway with {@link io.warden.client.WardenClient}.
 * <p>
 * Thread: the main thread (and the client's agent). Must not import: {@code io.warden.gateway}, {@code io.warden.node}.
 */
package io.warden.cli;
