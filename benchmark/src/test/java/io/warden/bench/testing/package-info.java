/**
 * Small helpers shared by the benchmark module's process-level tests.
 */
package io.warden.bench.testing;
