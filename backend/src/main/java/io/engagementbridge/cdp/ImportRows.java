package io.engagementbridge.cdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an import's input into identify messages, one per row: a CSV whose header names the traits
 * ({@code userId}/{@code external_id} and {@code email} find the user), or NDJSON with one identify-like
 * object per line ({@code {"userId": …, "traits": {…}}}, or the traits flat). A row that cannot be an
 * identify is kept as a failed row with the reason, so the report lists every input row.
 */
final class ImportRows {
    static final int MAX_ROWS = 1_000_000;
    private static final Set<String> USER_ID_COLUMNS = Set.of("userid", "user_id", "external_id", "externalid");

    enum Format {
        CSV, NDJSON;

        /** By file name ({@code .csv}, {@code .ndjson}/{@code .jsonl}) or content type; null when neither says. */
        static Format of(String nameOrType) {
            var lower = nameOrType == null ? "" : nameOrType.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv") || lower.startsWith("text/csv")) {
                return CSV;
            }
            if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl") || lower.startsWith("application/x-ndjson")
                    || lower.startsWith("application/jsonl") || lower.startsWith("application/ndjson")) {
                return NDJSON;
            }
            return null;
        }
    }

    /** One input row (1-based, as a person counts them in the file) and the identify it became, or why it could not. */
    record Row(int number, ObjectNode message, String userKey, String problem) {
    }

    /** The input as a whole cannot be read (no header, not UTF-8 text, too many rows): nothing is stored. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private final ObjectMapper mapper;

    ImportRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<Row> read(byte[] input, Format format, String audience, CdpSettings settings, Instant now) {
        var text = new String(input, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        var messages = format == Format.CSV ? csv(text) : ndjson(text);
        var rows = new ArrayList<Row>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            if (message.has("problem")) {
                rows.add(new Row(i + 1, message, null, message.get("problem").asText()));
                continue;
            }
            if (audience != null) {
                var traits = (ObjectNode) message.get("traits");
                var audiences = traits.has("audiences") && traits.get("audiences").isObject() ? (ObjectNode) traits.get("audiences") : traits.putObject("audiences");
                audiences.put(audience, true);
            }
            message.put("type", "identify").put("messageId", "row-" + (i + 1));
            var parsed = SegmentMessages.parse(message, 0, settings, now);
            if (parsed instanceof SegmentMessages.Accepted accepted) {
                var key = accepted.message().userId() != null ? "user:" + accepted.message().userId().toLowerCase(Locale.ROOT)
                        : "email:" + accepted.message().email().toLowerCase(Locale.ROOT);
                rows.add(new Row(i + 1, message, key, null));
            } else {
                rows.add(new Row(i + 1, message, null, ((SegmentMessages.Rejected) parsed).reason()
                        .replace("identify needs", "each row needs").replace("traits.", "")));
            }
        }
        return rows;
    }

    private List<ObjectNode> csv(String text) {
        var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
        try (var parser = CSVParser.parse(new StringReader(text), format)) {
            var header = parser.getHeaderNames();
            if (header.isEmpty() || header.stream().allMatch(String::isBlank)) {
                throw new Unreadable("the CSV has no header row: its first line must name the traits, e.g. userId,email,firstName,ltv");
            }
            var messages = new ArrayList<ObjectNode>();
            for (CSVRecord record : parser) {
                if (messages.size() >= MAX_ROWS) {
                    throw new Unreadable("the file has more than " + MAX_ROWS + " rows: split it");
                }
                var message = mapper.createObjectNode();
                var traits = message.putObject("traits");
                for (var column : header) {
                    var value = record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
                    if (value.isEmpty() || column.isBlank()) {
                        continue;
                    }
                    if (USER_ID_COLUMNS.contains(column.toLowerCase(Locale.ROOT))) {
                        message.put("userId", value);
                    } else {
                        traits.put(column, value);
                    }
                }
                messages.add(message);
            }
            return messages;
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new Unreadable("the CSV could not be read (" + e.getMessage() + "): check its quoting and that the header has unique names");
        }
    }

    private List<ObjectNode> ndjson(String text) {
        var messages = new ArrayList<ObjectNode>();
        for (var line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (messages.size() >= MAX_ROWS) {
                throw new Unreadable("the file has more than " + MAX_ROWS + " lines: split it");
            }
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                messages.add(mapper.createObjectNode().put("problem", "the line is not a JSON object: write one {\"userId\": …, \"traits\": {…}} per line"));
                continue;
            }
            var message = mapper.createObjectNode();
            var object = (ObjectNode) node;
            var userId = object.has("userId") ? object.get("userId") : object.has("external_id") ? object.get("external_id") : object.get("user_id");
            if (userId != null && userId.isValueNode() && !userId.isNull()) {
                message.put("userId", userId.asText());
            }
            if (object.has("traits")) {
                if (!object.get("traits").isObject()) {
                    messages.add(mapper.createObjectNode().put("problem", "traits must be a JSON object"));
                    continue;
                }
                message.set("traits", object.get("traits").deepCopy());
            } else {
                var traits = message.putObject("traits");
                object.properties().forEach(e -> {
                    if (!USER_ID_COLUMNS.contains(e.getKey().toLowerCase(Locale.ROOT)) && !e.getKey().equals("type")) {
                        traits.set(e.getKey(), e.getValue());
                    }
                });
            }
            messages.add(message);
        }
        return messages;
    }
}
