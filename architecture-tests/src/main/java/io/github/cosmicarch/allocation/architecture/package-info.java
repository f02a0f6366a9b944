/**
 * The architecture rules of the allocation library as ArchUnit rules, each an allow-list, each
 * refusing to pass on an empty set of classes.
 */
package io.github.cosmicarch.allocation.architecture;
