/*
 * Engagement Bridge sidebar: who the requester is.
 * Turns ZAF user objects into the request contract's requester and tells when it changed.
 * Loaded by iframe.html before sidebar.js; exported for node tests.
 */
(function () {
  'use strict';

  function cleanText(value) {
    if (typeof value === 'number' && isFinite(value)) return String(value);
    if (typeof value !== 'string') return null;
    var trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }

  /**
   * Turns a ZAF user object (ticket.requester or user) into the contract's requester payload:
   * emails = the primary email first, then the other email identities, trimmed, without
   * duplicates (compared case-insensitively). Returns null when there is no user at all.
   */
  function buildRequesterPayload(user) {
    if (!user || typeof user !== 'object') return null;
    var identities = Array.isArray(user.identities) ? user.identities : [];
    var emailIdentities = identities.filter(function (identity) {
      return identity && identity.type === 'email';
    });
    var primary = emailIdentities.filter(function (identity) { return identity.primary === true; });
    var others = emailIdentities.filter(function (identity) { return identity.primary !== true; });
    var candidates = [user.email]
      .concat(primary.map(function (identity) { return identity.value; }))
      .concat(others.map(function (identity) { return identity.value; }));

    var emails = [];
    var seen = {};
    candidates.forEach(function (candidate) {
      var email = cleanText(candidate);
      if (!email) return;
      var key = email.toLowerCase();
      if (seen[key]) return;
      seen[key] = true;
      emails.push(email);
    });

    var externalId = user.externalId !== undefined ? user.externalId : user.external_id;
    var payload = {
      email: emails.length > 0 ? emails[0] : null,
      emails: emails,
      externalId: cleanText(externalId),
      name: cleanText(user.name)
    };
    // The Zendesk user id lets the backend keep this user's tier fields current; only a positive whole number is sent.
    if (typeof user.id === 'number' && isFinite(user.id) && user.id > 0 && Math.floor(user.id) === user.id) payload.id = user.id;
    return payload;
  }

  /** True when the requester carries something the backend can look up. */
  function hasIdentifier(requester) {
    return !!requester && (requester.emails.length > 0 || !!requester.externalId);
  }

  /** A stable key for "is this the same requester as last time". */
  function requesterKey(requester) {
    if (!requester) return '';
    return JSON.stringify([requester.emails.map(function (e) { return e.toLowerCase(); }), requester.externalId]);
  }

  var api = {
    cleanText: cleanText,
    buildRequesterPayload: buildRequesterPayload,
    hasIdentifier: hasIdentifier,
    requesterKey: requesterKey
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    window.EngagementBridge = Object.assign(window.EngagementBridge || {}, api);
  }
})();
