/*
 * Engagement Bridge sidebar: the request to the backend.
 * Builds POST {backend_url}/sidebar for Zendesk's secure proxy and checks what comes back is a fragment.
 * Loaded by iframe.html before sidebar.js; exported for node tests.
 */
(function () {
  'use strict';
  var eb = typeof module !== 'undefined' && module.exports ? require('./requester.js') : window.EngagementBridge;
  var cleanText = eb.cleanText;

  // Filled in by Zendesk's secure proxy only; these strings must stay literal in the browser.
  var SECRET_HEADERS = Object.freeze({
    'X-Engagement-Key-Id': '{{setting.engagement_api_key_id}}',
    'X-Engagement-Key-Secret': '{{setting.engagement_api_key_secret}}',
    'Authorization': 'Bearer {{jwt.token}}'
  });
  var JWT_LIFETIME_SECONDS = 300;

  // Secure parameters never belong in the request body, even if a host were to list them.
  var SECURE_SETTINGS = ['engagement_api_key_id', 'engagement_api_key_secret', 'shared_secret'];

  /** backend_url + '/sidebar', without a doubled slash; null when backend_url is not set. */
  function sidebarUrl(backendUrl) {
    var base = cleanText(backendUrl);
    if (!base) return null;
    return base.replace(/\/+$/, '') + '/sidebar';
  }

  /** The installation's settings as the browser sees them, minus anything secure. */
  function publicSettings(settings) {
    var copy = {};
    if (!settings || typeof settings !== 'object') return copy;
    Object.keys(settings).forEach(function (name) {
      if (SECURE_SETTINGS.indexOf(name) === -1) copy[name] = settings[name];
    });
    return copy;
  }

  function buildAgent(currentUser) {
    var user = currentUser || {};
    return {
      locale: user.locale || null,
      timeZone: (user.timeZone && user.timeZone.ianaName) || null,
      role: user.role || null
    };
  }

  /** The POST /sidebar body of the contract. */
  function buildRequestBody(input) {
    return {
      location: input.location,
      requester: input.requester,
      agent: buildAgent(input.currentUser),
      settings: publicSettings(input.settings),
      refresh: input.refresh === true
    };
  }

  /** client.request options for POST {backend_url}/sidebar through the secure proxy. */
  function buildRequestOptions(backendUrl, body) {
    return {
      url: sidebarUrl(backendUrl),
      type: 'POST',
      contentType: 'application/json',
      dataType: 'text',
      secure: true,
      headers: Object.assign({}, SECRET_HEADERS),
      // The proxy signs this HS256 token with the shared_secret setting so the backend can tell
      // requests relayed by Zendesk for this installation from anyone else's.
      jwt: {
        algorithm: 'HS256',
        secret_key: '{{setting.shared_secret}}',
        expiry: JWT_LIFETIME_SECONDS,
        claims: { aud: backendOrigin(backendUrl) }
      },
      data: JSON.stringify(body)
    };
  }

  /** scheme://host[:port] of the backend, the audience the backend expects in the token. */
  function backendOrigin(backendUrl) {
    var url = sidebarUrl(backendUrl);
    var match = url && /^(https?:\/\/[^\/?#]+)/i.exec(url);
    return match ? match[1].toLowerCase() : null;
  }

  var LEADING_NOISE = /^(?:\s|<!--[\s\S]*?-->|<!doctype[^>]*>)*/i;
  var OPENING_TAG = /^<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/;
  var CLASS_ATTRIBUTE = /(?:^|\s)class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

  /**
   * Returns the fragment (trimmed) when the HTML is a single element whose class list holds
   * "eb-sidebar"; otherwise null. A cheap textual check: the browser parses it again before use.
   */
  function extractSidebarFragment(html) {
    if (typeof html !== 'string') return null;
    var text = html.replace(LEADING_NOISE, '').trim();
    var open = OPENING_TAG.exec(text);
    if (!open) return null;
    var classMatch = CLASS_ATTRIBUTE.exec(open[2] || '');
    if (!classMatch) return null;
    var classes = (classMatch[1] || classMatch[2] || classMatch[3] || '').split(/\s+/);
    if (classes.indexOf('eb-sidebar') === -1) return null;
    var tag = open[1].toLowerCase();
    var closing = new RegExp('</' + tag + '\\s*>$', 'i');
    if (!closing.test(text)) return null;
    return text;
  }

  /** A failed client.request may still carry the backend's own message fragment. */
  function fragmentFromFailure(failure) {
    if (!failure || typeof failure !== 'object') return null;
    return extractSidebarFragment(failure.responseText);
  }

  function withTimeout(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        reject({ status: 0, statusText: 'timeout', responseText: '' });
      }, ms);
      Promise.resolve(promise).then(function (value) {
        clearTimeout(timer);
        resolve(value);
      }, function (reason) {
        clearTimeout(timer);
        reject(reason);
      });
    });
  }

  var api = {
    sidebarUrl: sidebarUrl,
    publicSettings: publicSettings,
    buildAgent: buildAgent,
    buildRequestBody: buildRequestBody,
    buildRequestOptions: buildRequestOptions,
    extractSidebarFragment: extractSidebarFragment,
    fragmentFromFailure: fragmentFromFailure,
    withTimeout: withTimeout
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    window.EngagementBridge = Object.assign(window.EngagementBridge || {}, api);
  }
})();
