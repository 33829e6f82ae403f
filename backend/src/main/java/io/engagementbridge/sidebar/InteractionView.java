package io.engagementbridge.sidebar;

import java.util.List;

/** One recent event as the sidebar lists it: what, how long ago (exact time on hover), and a few details. */
public record InteractionView(String type, String ago, String exactTime, List<String> details) {
}
