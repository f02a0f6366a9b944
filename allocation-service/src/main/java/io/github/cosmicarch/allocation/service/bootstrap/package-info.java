/** The composition root: assembles the message bus and its handlers from adapters. */
package io.github.cosmicarch.allocation.service.bootstrap;
