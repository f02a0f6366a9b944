/** A walkthrough of the domain model that prints an allocation story. */
package io.github.cosmicarch.allocation.examples.walkthrough;
