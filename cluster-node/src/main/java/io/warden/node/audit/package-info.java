/**
 * Reading a cell's history back from its files, offline: {@link io.warden.node.audit.RecordingFiles} reads an
 * archived recording's messages straight from its segment files; {@link io.warden.node.audit.LogReplay} replays a
 * node's (or a backup's) log into a fresh state machine, from position 0 or from a kept snapshot, exactly as the
 * service applies it, and derives the audit stream ({@link io.warden.node.audit.AuditEvent}: sessions, lock grants
 * and releases with their tokens, ephemeral keys) and the committed key changes ({@link io.warden.node.audit.Change}).
 * The point-in-time restore by revision, {@code warden audit} and the fault harness's checkers all read the log
 * through it, so that there is one interpretation of a log outside the node.
 * <p>
 * Thread: single-threaded tools over files nobody writes. Imports the state machine and the command adapter (the
 * same code the node runs) and Aeron's codecs; never a media driver or an archive.
 */
package io.warden.node.audit;
