package io.engagementbridge.engagement;

import okhttp3.Dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves names, then refuses any answer that points into private, loopback or link-local space. */
final class GuardedDns implements Dns {
    private final HostPolicy policy;
    private final Dns delegate;

    GuardedDns(HostPolicy policy, Dns delegate) {
        this.policy = policy;
        this.delegate = delegate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        var addresses = delegate.lookup(hostname);
        var permitted = addresses.stream().filter(policy::permitsAddress).toList();
        if (permitted.isEmpty()) {
            throw new UnknownHostException(hostname + " resolves only to addresses this backend may not call");
        }
        return permitted;
    }
}
