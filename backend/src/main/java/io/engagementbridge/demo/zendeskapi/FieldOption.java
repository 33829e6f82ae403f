package io.engagementbridge.demo.zendeskapi;

/** A drop-down option: {@code name} is what people see, {@code value} (a tag) is what the API accepts. */
public record FieldOption(long id, String name, String value) {
}
