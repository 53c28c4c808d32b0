/**
 * The {@code tracer} command (picocli). {@link io.tracer.cli.Main} is the entry point; each
 * subcommand is one class. Contract (DESIGN.md): JSON on stdout unless {@code --out}; exit codes 0
 * success, 1 runtime error (one line on stderr, stack trace only with {@code --verbose}), 2 bad
 * usage, 3 {@code --fail-on} threshold reached.
 */
package io.tracer.cli;
