package io.engagementbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.config.ConfigException;
import io.engagementbridge.config.WriteSideConfig;
import io.engagementbridge.connection.ConnectionRepository;
import io.engagementbridge.connection.Connections;
import io.engagementbridge.connection.MasterKey;
import io.engagementbridge.connection.SecretBox;
import io.engagementbridge.connection.StoredTokenVault;
import io.engagementbridge.store.Database;
import io.engagementbridge.zendesk.JdbcGovernorLedger;
import io.engagementbridge.zendesk.ResponseObserver;
import io.engagementbridge.zendesk.ZendeskClients;
import okhttp3.OkHttpClient;
import io.engagementbridge.work.WorkRepository;

import java.time.Clock;

/**
 * The durable half of the backend: its database, connections sealed under the master key, and the
 * work queue. Opening it migrates the database and refuses to start without a master key once
 * connections exist, since their secrets could not be read.
 */
public final class WriteSide implements AutoCloseable {
    private final WriteSideConfig config;
    private final Database database;
    private final ConnectionRepository connectionRepository;
    private final WorkRepository work;
    private final SecretBox secretBox;

    private WriteSide(WriteSideConfig config, Database database, ConnectionRepository connectionRepository, SecretBox secretBox) {
        this.config = config;
        this.database = database;
        this.connectionRepository = connectionRepository;
        this.secretBox = secretBox;
        this.work = new WorkRepository(database);
    }

    public static WriteSide open(WriteSideConfig config, ObjectMapper mapper, Clock clock) {
        var database = Database.open(config.store());
        try {
            var box = config.masterKey() == null ? SecretBox.withoutKey() : MasterKey.open(config.masterKey());
            var repository = new ConnectionRepository(database, box, mapper, clock);
            if (config.masterKey() == null && repository.any()) {
                throw new ConfigException(MasterKey.VARIABLE + " is not set, but the database holds connections whose secrets need it: "
                        + "set it to the key they were stored with");
            }
            return new WriteSide(config, database, repository, box);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public WriteSideConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public ConnectionRepository connectionRepository() {
        return connectionRepository;
    }

    public Connections connections(String publicUrl, Clock clock) {
        return new Connections(connectionRepository, publicUrl, clock);
    }

    /** One Zendesk client and governor per connection, authenticated from the store and budgeted through it. */
    public ZendeskClients zendeskClients(OkHttpClient http, ObjectMapper mapper, Clock clock, ResponseObserver alsoObserve) {
        return new ZendeskClients(http, config.zendeskHosts(), mapper, clock, new StoredTokenVault(database, connectionRepository),
                new JdbcGovernorLedger(database), alsoObserve);
    }

    /** Seals secrets kept outside the connections table (e.g. the key pair of a Connect Zendesk flow under way). */
    public SecretBox secretBox() {
        return secretBox;
    }

    public WorkRepository work() {
        return work;
    }

    @Override
    public void close() {
        database.close();
    }
}
