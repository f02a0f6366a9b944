/**
 * Contract tests for adapters of the allocation ports. Extend a contract in a test class of your
 * adapter, implement its factory methods, and JUnit runs every test of the contract against
 * your adapter. Each test uses ids of its own, so a shared database needs no cleaning between
 * tests.
 */
package io.github.cosmicarch.allocation.testkit.contract;
