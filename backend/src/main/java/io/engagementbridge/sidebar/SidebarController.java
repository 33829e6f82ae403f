package io.engagementbridge.sidebar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engagementbridge.access.ZendeskJwt;
import io.engagementbridge.engagement.EngagementClient;
import io.engagementbridge.profile.CustomerResolver;
import io.engagementbridge.profile.ProfileLookup;
import io.engagementbridge.profile.ProfileRequests;
import io.engagementbridge.settings.InstallationSettings;
import io.engagementbridge.settings.SettingsParser;
import io.javalin.http.Context;

/** POST /sidebar: one request in, one finished HTML fragment out. */
public final class SidebarController {
    public static final String PATH = "/sidebar";
    public static final String TEST_CONNECTION_PATH = "/sidebar/test-connection";

    private final ObjectMapper mapper;
    private final SettingsParser parser;
    private final ProfileRequests requests;
    private final CustomerResolver resolver;
    private final SidebarRenderer renderer;
    private final ConnectionCheck connectionCheck;
    private final ProfileShown profileShown;

    public SidebarController(ObjectMapper mapper, SettingsParser parser, ProfileRequests requests, CustomerResolver resolver,
                             SidebarRenderer renderer, EngagementClient client) {
        this(mapper, parser, requests, resolver, renderer, client, ProfileShown.NONE);
    }

    public SidebarController(ObjectMapper mapper, SettingsParser parser, ProfileRequests requests, CustomerResolver resolver,
                             SidebarRenderer renderer, EngagementClient client, ProfileShown profileShown) {
        this.profileShown = profileShown;
        this.mapper = mapper;
        this.parser = parser;
        this.requests = requests;
        this.resolver = resolver;
        this.renderer = renderer;
        this.connectionCheck = new ConnectionCheck(client, mapper);
    }

    /** POST /sidebar/test-connection: for admins, one probe call and a verdict on host, token and key pair. */
    public void testConnection(Context ctx) {
        var request = SidebarRequest.parse(mapper, ctx.bodyAsBytes());
        var title = title(request.settings());
        SidebarRenderer.remember(ctx, request.agent(), title);
        if (!request.agent().admin()) {
            ctx.status(403).html(renderer.adminsOnly(title, request.agent()));
            return;
        }
        var settings = parser.connection(request.settings(), SecureHeaders.problems(ctx::header));
        ctx.future(() -> connectionCheck.run(settings, SecureHeaders.credentials(ctx::header))
                .thenAccept(result -> ctx.html(renderer.connection(title, result, request.agent()))));
    }

    public void handle(Context ctx) {
        var request = SidebarRequest.parse(mapper, ctx.bodyAsBytes());
        SidebarRenderer.remember(ctx, request.agent(), title(request.settings()));
        var headerProblems = SecureHeaders.problems(ctx::header);
        if (!headerProblems.isEmpty()) {
            parser.parse(request.settings(), headerProblems); // throws, reporting these along with any problem in the settings
        }
        var profileRequest = requests.get(request.settings(), SecureHeaders.credentials(ctx::header));
        var settings = profileRequest.settings();
        if (!request.requester().identifiable()) {
            ctx.html(renderer.noRequester(settings.title(), request.agent()));
            return;
        }
        var caller = ZendeskJwt.verified(ctx);
        var page = resolver.resolve(profileRequest, request.requester(), request.refresh())
                .thenApply(resolution -> {
                    if (resolution.lookup() instanceof ProfileLookup.Found found && request.zendeskUserId() != null) {
                        profileShown.shown(caller, request.zendeskUserId(), found.profile(), request.settings());
                    }
                    return render(resolution, request, settings);
                });
        if (page.isDone()) {
            ctx.html(page.join()); // answered from the cache: no need for an asynchronous response
        } else {
            ctx.future(() -> page.thenAccept(ctx::html));
        }
    }

    private String render(CustomerResolver.Resolution resolution, SidebarRequest request, InstallationSettings settings) {
        if (resolution.lookup() instanceof ProfileLookup.Found found) {
            return renderer.profile(found.profile(), resolution.matchedOn(), resolution.alsoMatches(), resolution.othersPending(),
                    request.requester(), settings, request.agent());
        }
        return renderer.notFound(settings.title(), resolution.tried().get(0).value(), request.agent());
    }

    private static String title(JsonNode settings) {
        var title = settings.path("title");
        return title.isTextual() && !title.asText().isBlank() ? title.asText().trim() : null;
    }
}
