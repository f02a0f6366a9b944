/** The commands: requests to change the system, each handled by exactly one handler. */
package io.github.cosmicarch.allocation.service.command;
