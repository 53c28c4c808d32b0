/**
 * Runnable examples on the built-in demo data, one per kind of user: {@link
 * io.tracer.examples.FollowTheMoney} for investigators. Each has a test, so they keep working.
 */
package io.tracer.examples;
