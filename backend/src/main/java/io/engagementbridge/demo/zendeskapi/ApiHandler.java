package io.engagementbridge.demo.zendeskapi;

/** Answers one authenticated, admitted API request; runs under the simulator's lock. */
@FunctionalInterface
interface ApiHandler {
    void handle(Call call);
}
