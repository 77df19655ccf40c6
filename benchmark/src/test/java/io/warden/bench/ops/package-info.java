/**
 * The operators' scripts as an operator runs them: backup and restore of a cell started by the scripts
 * ({@code BackupScriptsIT}).
 */
package io.warden.bench.ops;
