/**
 * Users, roles and permissions, replicated like every other part of the state: who may read, write, lock, campaign,
 * watch or administer which key, lock-name and election prefixes, and whether the checks are on. Passwords never
 * reach the cell: a user is stored as its SCRAM-SHA-256 salt, iterations, stored key and server key.
 * <p>
 * Thread: the cluster service thread only.
 * Must not import: {@code io.aeron}, SBE codecs (the generated enums are allowed), clocks, randomness, files.
 */
package io.warden.node.domain.auth;
