/**
 * The control plane as the engine sees it: the {@link io.athena.core.controlplane.ControlPlane}
 * (audit sink, request statistics, client catalog) found from {@code gateway.logging_client}, its
 * meters, and the admin statistics routes ({@code /admin/clients/statistics}, per-client statistics
 * and drilldown).
 */
package io.athena.core.controlplane;
