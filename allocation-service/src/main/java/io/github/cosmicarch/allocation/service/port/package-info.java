/**
 * The service layer's ports to the outside world: notifications to people, events published to
 * other systems, and the read model of allocations.
 */
package io.github.cosmicarch.allocation.service.port;
