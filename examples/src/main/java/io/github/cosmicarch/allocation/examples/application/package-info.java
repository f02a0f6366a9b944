/** The allocation service as a runnable application: settings from the environment, and the composition. */
package io.github.cosmicarch.allocation.examples.application;
