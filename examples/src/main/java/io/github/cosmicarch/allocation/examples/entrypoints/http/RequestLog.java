package io.github.cosmicarch.allocation.examples.entrypoints.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs one line per request refused or failed (status 400 and up), with method, path, status and
 * time taken: a warning for the service's failures, information for a client's mistakes. Requests
 * answered are logged at debug level only, since a console line per request costs each request
 * more than its allocation does. The path is logged as the client sent it, still percent-encoded,
 * so that no character of it can start a line of its own.
 */
public final class RequestLog extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger("allocation.http");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            Level level = status >= 500 ? Level.WARN : status >= 400 ? Level.INFO : Level.DEBUG;
            if (LOG.isEnabledForLevel(level)) {
                LOG.atLevel(level).log("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), status,
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }
}
