package io.engagementbridge.engagement;

import okhttp3.HttpUrl;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which upstream URLs the backend may call: HTTPS to hosts on the allow-list, plain HTTP only to
 * loopback when explicitly enabled for demos and tests. Everything else is refused before connecting.
 */
public record HostPolicy(List<String> allowedHosts, boolean allowHttpLoopback) {

    public HostPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** Why {@code url} may not be called, or empty when it may. */
    public Optional<String> rejection(HttpUrl url) {
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            return Optional.of("must not contain a user name or password");
        }
        var host = url.host();
        if (isLoopbackName(host)) {
            return allowHttpLoopback ? Optional.empty() : Optional.of("points at this server itself (" + host + ")");
        }
        if (!url.isHttps()) {
            return Optional.of("must use https://");
        }
        if (!matchesAllowList(host)) {
            return Optional.of("host " + host + " is not on this backend's allow-list (" + String.join(", ", allowedHosts) + ")");
        }
        return Optional.empty();
    }

    /** Whether a resolved address may be connected to; guards against DNS names that point inside. */
    public boolean permitsAddress(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowHttpLoopback;
        }
        return !(address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress() || isUniqueLocalOrCarrierGrade(address.getAddress()));
    }

    boolean matchesAllowList(String host) {
        for (var pattern : allowedHosts) {
            if (pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1
                    : host.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static boolean isUniqueLocalOrCarrierGrade(byte[] raw) {
        if (raw.length == 16) {
            return (raw[0] & 0xfe) == 0xfc; // fc00::/7
        }
        return (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64 // 100.64.0.0/10
                || (raw[0] & 0xff) == 0; // 0.0.0.0/8
    }
}
