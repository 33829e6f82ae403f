package io.engagementbridge.sidebar;

import okhttp3.Dns;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test's whole network, on loopback only: a resolver that knows just the names it is told (never
 * real DNS), and sockets that land on loopback wherever they were aimed. The allowed upstream's
 * address reaches the fake upstream; every other address reaches the canary, so a connection to
 * anything else is counted there instead of leaving the machine.
 */
final class SealedNetwork {
    /** TEST-NET-3, a documentation range: public as far as the DNS guard can tell, yet routed nowhere. */
    static final InetAddress UPSTREAM_ADDRESS = literal("203.0.113.10");

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    private final InetSocketAddress upstream;
    private final InetSocketAddress canary;

    SealedNetwork(InetSocketAddress upstream, InetSocketAddress canary) {
        this.upstream = upstream;
        this.canary = canary;
    }

    /** Makes the resolver answer {@code addresses} (IP literals) for {@code host}. */
    void answer(String host, List<String> addresses) {
        names.put(host, addresses.stream().map(SealedNetwork::literal).toList());
    }

    Dns resolver() {
        return host -> {
            var found = names.get(host);
            if (found == null) {
                throw new UnknownHostException(host + " is unknown to the sealed test network");
            }
            return found;
        };
    }

    /** Sockets that OkHttp connects itself; the other overloads ignore the local binding. None resolves a name. */
    SocketFactory sockets() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new RoutedSocket();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return connected(InetSocketAddress.createUnresolved(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return createSocket(host, port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                return createSocket(address, port);
            }
        };
    }

    private Socket connected(InetSocketAddress endpoint) throws IOException {
        var socket = new RoutedSocket();
        socket.connect(endpoint);
        return socket;
    }

    private static InetAddress literal(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + address, e);
        }
    }

    private final class RoutedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            var toUpstream = endpoint instanceof InetSocketAddress inet && UPSTREAM_ADDRESS.equals(inet.getAddress());
            super.connect(toUpstream ? upstream : canary, timeout);
        }
    }
}
