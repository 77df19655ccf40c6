/**
 * The README's examples, compiled and run by the test suite so that they keep working.
 */
package io.warden.examples;
