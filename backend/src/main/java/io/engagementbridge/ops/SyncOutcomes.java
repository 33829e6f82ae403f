package io.engagementbridge.ops;

import io.engagementbridge.cdp.ImportStatus;
import io.engagementbridge.cdp.Imports;
import io.engagementbridge.cdp.MessageLog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Sync panel's data: a connection's recent imports with their failed rows (reason and fix), and its recent streaming messages. */
final class SyncOutcomes {
    private final Imports imports;
    private final MessageLog messages;

    SyncOutcomes(Imports imports, MessageLog messages) {
        this.imports = imports;
        this.messages = messages;
    }

    List<Map<String, Object>> imports(String connectionId, int limit, int failedRowsShown) {
        return imports.recent(connectionId, limit).stream().map(listed -> {
            var summary = listed.summary();
            var view = new LinkedHashMap<String, Object>();
            view.put("id", summary.id());
            view.put("source", summary.source());
            view.put("status", summary.status());
            view.put("note", summary.note());
            view.put("created_at", listed.createdAt().toString());
            view.put("total", summary.total());
            var counts = new LinkedHashMap<String, Integer>();
            summary.counts().forEach((status, count) -> counts.put(status.column(), count));
            view.put("counts", counts);
            view.put("failed", summary.failed());
            view.put("failed_rows", imports.rows(summary.id(), Optional.of(ImportStatus.FAILED), 0, failedRowsShown).stream()
                    .map(SyncOutcomes::rowView).toList());
            return (Map<String, Object>) view;
        }).toList();
    }

    /** The failed rows of one of the connection's imports, or empty when it has no such import. */
    Optional<List<Imports.RowReport>> failedRows(String connectionId, String importId, int limit) {
        return imports.summary(importId).filter(summary -> summary.connectionId().equals(connectionId))
                .map(summary -> imports.rows(importId, Optional.of(ImportStatus.FAILED), 0, limit));
    }

    List<Map<String, Object>> messages(String connectionId, int limit) {
        return messages.list(connectionId, Optional.empty(), limit).stream().map(logged -> {
            var view = new LinkedHashMap<String, Object>();
            view.put("message_id", logged.messageId());
            view.put("type", logged.type());
            view.put("status", logged.status().name().toLowerCase(Locale.ROOT));
            view.put("reason", logged.reason().orElse(null));
            view.put("received_at", logged.receivedAt().toString());
            return (Map<String, Object>) view;
        }).toList();
    }

    private static Map<String, Object> rowView(Imports.RowReport row) {
        var view = new LinkedHashMap<String, Object>();
        view.put("row", row.row());
        view.put("user", row.user());
        view.put("reason", row.reason());
        view.put("fix", row.fix());
        return view;
    }
}
