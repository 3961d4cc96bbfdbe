/**
 * The read cache of {@code /gateway/fetch}: a local Caffeine tier, an optional shared tier (such as
 * Redis), request keys that ignore spelling and field order but never mix callers of different
 * rights, per-client generations that writes advance, and a circuit around the shared tier so that
 * an outage of it costs hits, never answers.
 */
package io.athena.core.cache;
