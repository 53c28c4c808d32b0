/** Classes for internal use only; not API, may change without notice. */
package io.tracer.core.internal;
