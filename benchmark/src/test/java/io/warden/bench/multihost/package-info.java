/**
 * The multi-host launch on one machine: network namespaces as hosts ({@code Netns}), and the README's multi-host
 * commands run inside them ({@code NetnsMultiHostIT}).
 */
package io.warden.bench.multihost;
