package io.engagementbridge.sidebar;

/** The iframe sent something the backend cannot read; answered with 400 and a short message. */
final class MalformedRequestException extends RuntimeException {
    MalformedRequestException(String message) {
        super(message, null, false, false);
    }
}
