package io.engagementbridge.engagement;

/** Told about every single upstream attempt and its outcome; metrics listen here. */
@FunctionalInterface
public interface UpstreamListener {
    UpstreamListener NONE = outcome -> { };

    void upstreamCall(String outcome);
}
