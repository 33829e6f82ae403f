package io.engagementbridge.cdp;

/** Audience membership from a CDP (Engagement segments, Adobe audiences): a checkbox user field if one exists, else a tag of ours. */
final class Audiences {
    static final String ENTERED = "Audience Entered";
    static final String EXITED = "Audience Exited";

    private Audiences() {
    }
}
