package io.engagementbridge.demo.zendeskapi;

import java.util.List;
import java.util.Objects;

/** An OAuth client registered in the simulated account (Admin Center > Apps and integrations > OAuth clients). */
public record OAuthClient(String identifier, String secret, String name, List<String> redirectUris) {
    public OAuthClient {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(secret, "secret");
        name = name == null ? identifier : name;
        redirectUris = List.copyOf(redirectUris);
    }
}
