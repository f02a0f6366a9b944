/**
 * Fakes of the service layer's outward ports that remember what they were given, for tests that
 * check what the outside world would have been told.
 */
package io.github.cosmicarch.allocation.testkit.fakes;
