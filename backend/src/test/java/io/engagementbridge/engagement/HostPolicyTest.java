package io.engagementbridge.engagement;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
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

    @Test
    void numeric_hosts_are_decoded_the_way_browsers_decode_them() {
        for (var host : List.of("127.1", "2130706433", "0177.0.0.1", "0x7f000001", "0x7f.0.0.1", "127.0.1")) {
            assertThat(InternalAddresses.parseLiteral(host)).as(host).hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("127.0.0.1"));
        }
        assertThat(InternalAddresses.parseLiteral("256.0.0.1")).isEmpty();
        assertThat(InternalAddresses.parseLiteral("08.0.0.1")).isEmpty();
    }

    @Test
    void ip_literals_are_refused_when_internal_or_unusually_written_even_if_listed() {
        var listing = new HostPolicy(List.of("10.0.0.1", "169.254.169.254", "8.8.8.8", "134744072"), true);
        assertThat(listing.rejection(HttpUrl.get("https://10.0.0.1/"))).hasValueSatisfying(r -> assertThat(r).contains("private"));
        assertThat(listing.rejection(HttpUrl.get("https://169.254.169.254/"))).isPresent();
        assertThat(listing.rejection(HttpUrl.get("https://134744072/"))).hasValueSatisfying(r -> assertThat(r).contains("8.8.8.8", "unusual"));
        assertThat(listing.rejection(HttpUrl.get("https://8.8.8.8/"))).isEmpty();
    }

    @Test
    void demo_loopback_allows_only_plainly_written_loopback() {
        var demo = new HostPolicy(List.of(), true);
        assertThat(demo.rejection(HttpUrl.get("http://[::1]:8080/"))).isEmpty();
        assertThat(demo.rejection(HttpUrl.get("http://localhost.:8080/"))).isEmpty();
        assertThat(demo.rejection(HttpUrl.get("http://0177.0.0.1:8080/"))).isPresent();
        assertThat(demo.rejection(HttpUrl.get("http://0.0.0.0:8080/"))).isPresent();
    }

    @Test
    void dns_answers_hiding_an_internal_ipv4_inside_ipv6_are_refused() throws Exception {
        for (var address : List.of("::7f00:1", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::", "::ffff:a00:1", "fd00:ec2::254", "100.100.100.200")) {
            assertThat(production.permitsAddress(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(production.permitsAddress(InetAddress.getByName("203.0.113.10"))).isTrue();
        assertThat(production.permitsAddress(InetAddress.getByName("2606:4700::6810:84e5"))).isTrue();
    }
}
