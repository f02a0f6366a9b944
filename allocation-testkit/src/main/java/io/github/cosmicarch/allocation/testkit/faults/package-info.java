/**
 * Storage that misbehaves on purpose, for tests of what the service does when a commit's
 * acknowledgement is lost, a process dies after a commit, or the database fails.
 */
package io.github.cosmicarch.allocation.testkit.faults;
