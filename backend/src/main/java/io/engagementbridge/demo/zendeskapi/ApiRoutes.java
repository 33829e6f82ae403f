package io.engagementbridge.demo.zendeskapi;

/** Registers an authenticated, rate-limited API route (with and without {@code .json}). */
@FunctionalInterface
interface ApiRoutes {
    void add(String method, String path, ApiHandler handler);
}
