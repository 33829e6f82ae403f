package io.engagementbridge.engagement;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class HostPolicyTest {
    private final HostPolicy production = new HostPolicy(List.of("*.exponea.com", "*.bloomreach.com"), false);

    @Test
    void https_to_an_allowed_subdomain_is_permitted() {
        assertThat(production.rejection(HttpUrl.get("https://api-demoapp.exponea.com/data"))).isEmpty();
    }

    @Test
    void look_alike_hosts_are_refused() {
        assertThat(production.rejection(HttpUrl.get("https://exponea.com.evil.example/"))).isPresent();
        assertThat(production.rejection(HttpUrl.get("https://evilexponea.com/"))).isPresent();
    }

    @Test
    void plain_http_is_refused_even_for_allowed_hosts() {
        assertThat(production.rejection(HttpUrl.get("http://api.exponea.com/"))).hasValueSatisfying(r -> assertThat(r).contains("https"));
    }

    @Test
    void userinfo_is_refused() {
        assertThat(production.rejection(HttpUrl.get("https://user:pass@api.exponea.com/"))).isPresent();
    }

    @Test
    void loopback_is_refused_unless_enabled_for_demos() {
        assertThat(production.rejection(HttpUrl.get("http://127.0.0.1:8080/"))).isPresent();
        assertThat(new HostPolicy(List.of(), true).rejection(HttpUrl.get("http://127.0.0.1:8080/"))).isEmpty();
    }
}
