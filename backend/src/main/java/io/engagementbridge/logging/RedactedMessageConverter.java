package io.engagementbridge.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.engagementbridge.web.Redaction;

/** {@code %redactedMsg}: the formatted message of every log line, ours and libraries', through {@link Redaction}. */
public final class RedactedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.redact(super.convert(event));
    }
}
