package io.engagementbridge.sidebar;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/** Renders the precompiled jte templates; output is HTML-escaped by default. */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public String render(String template, Object view) {
        var output = new StringOutput();
        engine.render(template, view, output);
        return output.toString();
    }
}
