package io.engagementbridge.engagement;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises addresses the backend must never call (loopback, private, link-local and metadata,
 * carrier-grade NAT, multicast, reserved, and IPv6 forms that embed one of those) and decodes IP
 * literal hosts the way browsers and curl do, so "0177.0.0.1", "127.1" or "2130706433" cannot hide.
 */
final class InternalAddresses {
    private static final Pattern NUMERIC_LABEL = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");

    private InternalAddresses() {
    }

    /**
     * Whether {@code host} (as {@link okhttp3.HttpUrl#host()} gives it, without brackets or a trailing
     * dot) is an IP literal rather than a name. IPv4 counts when its last label is a number in any base,
     * which is how the WHATWG URL standard decides.
     */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        var last = host.substring(host.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(last).matches();
    }

    /** The address an IP literal host denotes, or empty when it is not a valid address. */
    static Optional<InetAddress> parseLiteral(String host) {
        try {
            if (host.indexOf(':') >= 0) {
                // HttpUrl yields a colon only for an IPv6 address it has parsed already, so this never asks DNS.
                return Optional.of(InetAddress.getByName(host));
            }
            var parts = host.split("\\.", -1);
            if (parts.length > 4) {
                return Optional.empty();
            }
            long value = 0;
            for (int i = 0; i < parts.length; i++) {
                var part = ipv4Part(parts[i]);
                var last = i == parts.length - 1;
                var limit = last ? 1L << (8 * (5 - parts.length)) : 256;
                if (part < 0 || part >= limit) {
                    return Optional.empty();
                }
                value = last ? (value << (8 * (5 - parts.length))) | part : (value << 8) | part;
            }
            return Optional.of(InetAddress.getByAddress(new byte[] {
                    (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether an IPv4 literal is the plain dotted quad every parser agrees on (HttpUrl already canonicalises IPv6). */
    static boolean isCanonical(String host, InetAddress address) {
        return !(address instanceof Inet4Address) || address.getHostAddress().equals(host);
    }

    static boolean isInternal(InetAddress address) {
        var raw = address.getAddress();
        return raw.length == 4 ? isInternalIpv4(raw, 0) : isInternalIpv6(raw);
    }

    private static long ipv4Part(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        if (part.equalsIgnoreCase("0x")) {
            return 0;
        }
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return part.length() > 10 ? -1 : Long.parseLong(part.substring(2), 16);
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return part.length() > 12 || !part.chars().allMatch(c -> c >= '0' && c <= '7') ? -1 : Long.parseLong(part.substring(1), 8);
        }
        return part.length() > 10 ? -1 : Long.parseLong(part);
    }

    private static boolean isInternalIpv4(byte[] raw, int at) {
        int a = raw[at] & 0xff;
        int b = raw[at + 1] & 0xff;
        int c = raw[at + 2] & 0xff;
        return a == 0 // "this network"; 0.0.0.0 reaches the local host
                || a == 10
                || a == 127
                || a == 100 && (b & 0xc0) == 64 // carrier-grade NAT 100.64.0.0/10 (Alibaba's metadata lives here)
                || a == 169 && b == 254 // link-local, cloud metadata 169.254.169.254
                || a == 172 && (b & 0xf0) == 16
                || a == 192 && b == 168
                || a == 192 && b == 0 && c == 0 // IETF protocol assignments
                || a == 198 && (b & 0xfe) == 18 // benchmarking 198.18.0.0/15
                || a >= 224; // multicast, reserved, broadcast
    }

    private static boolean isInternalIpv6(byte[] raw) {
        var embedded = embeddedIpv4(raw);
        if (embedded >= 0) {
            return isInternalIpv4(raw, embedded);
        }
        int first = raw[0] & 0xff;
        int second = raw[1] & 0xff;
        return (first & 0xfe) == 0xfc // unique local fc00::/7 (AWS metadata fd00:ec2::254)
                || first == 0xfe && (second & 0x80) == 0x80 // link-local fe80::/10 and site-local fec0::/10
                || first == 0xff // multicast
                || first == 0x20 && second == 0x01 && raw[2] == 0 && raw[3] == 0 // Teredo 2001::/32 tunnels to anywhere
                || first == 0x00 && second == 0x64 && (raw[2] & 0xff) == 0xff && (raw[3] & 0xff) == 0x9b && raw[4] == 0 && raw[5] == 1; // local NAT64
    }

    /**
     * Where an IPv4 address sits inside an IPv6 one that routes to it: IPv4-mapped and -compatible
     * (::ffff:a.b.c.d, ::a.b.c.d, which also covers :: and ::1 as 0.0.0.0 and 0.0.0.1), NAT64
     * 64:ff9b::/96 and 6to4 2002::/16. -1 when there is none.
     */
    private static int embeddedIpv4(byte[] raw) {
        if (isZeroUpTo(raw, 12) || isZeroUpTo(raw, 10) && (raw[10] & raw[11] & 0xff) == 0xff) {
            return 12;
        }
        if (raw[0] == 0 && raw[1] == 0x64 && (raw[2] & 0xff) == 0xff && (raw[3] & 0xff) == 0x9b && isZeroFrom(raw, 4, 12)) {
            return 12;
        }
        if (raw[0] == 0x20 && raw[1] == 0x02) {
            return 2;
        }
        return -1;
    }

    private static boolean isZeroUpTo(byte[] raw, int end) {
        return isZeroFrom(raw, 0, end);
    }

    private static boolean isZeroFrom(byte[] raw, int start, int end) {
        for (int i = start; i < end; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
