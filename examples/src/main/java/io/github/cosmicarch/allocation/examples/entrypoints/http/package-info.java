/**
 * The HTTP entrypoint, wire-compatible with the book's Flask API: it only translates between JSON
 * and commands or read-model queries, and between exceptions and status codes.
 */
package io.github.cosmicarch.allocation.examples.entrypoints.http;
