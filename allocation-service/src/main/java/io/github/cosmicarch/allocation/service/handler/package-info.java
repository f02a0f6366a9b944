/**
 * The handlers of the allocation service, one function per use case or reaction, each receiving
 * what it depends on explicitly.
 */
package io.github.cosmicarch.allocation.service.handler;
