package io.github.cosmicarch.allocation.examples.entrypoints.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers, in the API's {@code {"message": ...}} form, the errors that the server itself finds
 * before the API sees a request (a malformed path, say), in place of Boot's default error page.
 */
@RestController
public final class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer number ? HttpStatus.resolve(number) : null;
        if (status == null) {
            return JsonBody.message(404, "No such resource: /error");
        }
        return JsonBody.message(status.value(), status.getReasonPhrase());
    }
}
