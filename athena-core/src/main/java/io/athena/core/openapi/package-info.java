/** Our contract files: {@code GET /openapi.yaml}, the OpenAPI 3.1 document of every route. */
package io.athena.core.openapi;
