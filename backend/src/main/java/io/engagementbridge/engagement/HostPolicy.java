package io.engagementbridge.engagement;

import okhttp3.HttpUrl;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which upstream URLs the backend may call: HTTPS to hosts on the allow-list, plain HTTP only to
 * loopback when explicitly enabled for demos and tests. Everything else is refused before connecting:
 * user info, IP literals in internal ranges or unusual notations, and DNS answers pointing inside.
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
        var name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        // OkHttp connects to IP literals without asking Dns, so GuardedDns never sees them: judge them here.
        if (InternalAddresses.isLiteral(name)) {
            var address = InternalAddresses.parseLiteral(name).orElse(null);
            if (address == null) {
                return Optional.of("has a host (" + host + ") that is neither a name nor a valid IP address");
            }
            if (!InternalAddresses.isCanonical(host, address)) {
                return Optional.of("writes the IP address " + address.getHostAddress() + " in an unusual notation (" + host
                        + "); use the API host name");
            }
            if (address.isLoopbackAddress()) {
                return loopback(host);
            }
            if (InternalAddresses.isInternal(address)) {
                return Optional.of("points at a private, link-local or reserved address (" + host + "), such as a cloud metadata service");
            }
        } else if (isLoopbackName(name)) {
            return loopback(host);
        }
        if (!url.isHttps()) {
            return Optional.of("must use https://");
        }
        if (!matchesAllowList(host)) {
            return Optional.of("host " + host + " is not on this backend's allow-list (" + String.join(", ", allowedHosts) + ")");
        }
        return Optional.empty();
    }

    private Optional<String> loopback(String host) {
        return allowHttpLoopback ? Optional.empty() : Optional.of("points at this server itself (" + host + ")");
    }

    /** Whether a resolved address may be connected to; guards against DNS names that point inside. */
    public boolean permitsAddress(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowHttpLoopback;
        }
        return !InternalAddresses.isInternal(address);
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
        return host.equals("localhost") || host.endsWith(".localhost");
    }
}
