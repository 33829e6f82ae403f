package io.engagementbridge.ops;

/** CSV cells (RFC 4180) that a spreadsheet opens as text: a leading =, +, - or @ would otherwise run as a formula. */
final class Csv {
    private Csv() {
    }

    static String cell(String value) {
        var text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
