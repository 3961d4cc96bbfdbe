/**
 * Admission control of gateway requests: per-client and global concurrency limits, and the decision
 * each request gets ({@link io.athena.core.admission.AdmissionDecision admitted}, deferred or
 * rejected), counted in {@code athena_admission_decisions_total}.
 */
package io.athena.core.admission;
