/** Runnable examples for investigators, compliance teams and researchers, on built-in data. */
package io.tracer.examples;
