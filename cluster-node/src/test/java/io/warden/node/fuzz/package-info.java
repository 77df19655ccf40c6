/**
 * Jazzer fuzz targets for every decoder that reads bytes from outside: the node's command adapter, the gateway's
 * pre-check against the node's decoder (differential), and the snapshot loader. Without {@code JAZZER_FUZZ} they run
 * their stored inputs as regression tests in the normal build; with {@code JAZZER_FUZZ=1 mvn test -Dtest=...} they
 * fuzz (see README).
 */
package io.warden.node.fuzz;
