/** Routes every Athena answers regardless of configuration: {@code GET /} and {@code /ping}. */
package io.athena.core.system;
