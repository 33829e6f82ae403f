/*
 * Engagement Bridge: "Apply suggested priority" in the ticket sidebar.
 *
 * The backend's profile fragment carries the customer's tier in data attributes of .eb-tier
 * (data-priority, data-tag, data-field-value, data-field-id); this file turns them into ZAF
 * calls on the ticket open in the agent's browser. The agent's own submit saves them.
 * Plain ES2017, no build step; the pure helpers are exported for node tests.
 */
(function () {
  'use strict';

  var PRIORITIES = ['urgent', 'high', 'normal', 'low'];
  var FIELD_ID = /^\d{1,18}$/;

  function fieldPath(fieldId) {
    return 'ticket.customField:custom_field_' + fieldId;
  }

  /** The suggestion in a .eb-tier element's data attributes, or null when it is not complete. */
  function readSuggestion(element) {
    if (!element || typeof element.getAttribute !== 'function') return null;
    var priority = element.getAttribute('data-priority');
    var tag = element.getAttribute('data-tag');
    var fieldId = element.getAttribute('data-field-id');
    if (PRIORITIES.indexOf(priority) === -1 || !tag) return null;
    var withField = typeof fieldId === 'string' && FIELD_ID.test(fieldId);
    return {
      priority: priority,
      tag: tag,
      fieldId: withField ? fieldId : null,
      fieldValue: withField ? (element.getAttribute('data-field-value') || tag) : null
    };
  }

  /** What to get() to tell whether the ticket already carries the suggestion. */
  function statePaths(suggestion) {
    var paths = ['ticket.priority', 'ticket.tags'];
    if (suggestion.fieldId) paths.push(fieldPath(suggestion.fieldId));
    return paths;
  }

  /** True when the get() answer shows the suggested priority, the tag (and the field value) already in place. */
  function isApplied(suggestion, data) {
    if (!data || typeof data !== 'object') return false;
    var tags = Array.isArray(data['ticket.tags']) ? data['ticket.tags'] : [];
    if (data['ticket.priority'] !== suggestion.priority || tags.indexOf(suggestion.tag) === -1) return false;
    return !suggestion.fieldId || data[fieldPath(suggestion.fieldId)] === suggestion.fieldValue;
  }

  /** The ZAF calls that apply the suggestion, in order: [method, arg1, arg2]. */
  function applyCalls(suggestion) {
    var calls = [
      ['set', 'ticket.priority', suggestion.priority],
      ['invoke', 'ticket.tags.add', suggestion.tag]
    ];
    if (suggestion.fieldId) calls.push(['set', fieldPath(suggestion.fieldId), suggestion.fieldValue]);
    return calls;
  }

  function markApplied(button) {
    var label = button.getAttribute('data-applied-label');
    if (label) button.textContent = label;
    button.setAttribute('data-eb-applied', 'true');
    button.disabled = true;
  }

  function run(client, calls) {
    return calls.reduce(function (previous, call) {
      return previous.then(function () { return client[call[0]](call[1], call[2]); });
    }, Promise.resolve());
  }

  /**
   * Shows the button in the ticket sidebar (only there: a user or new ticket has no ticket to set),
   * disabled when the ticket already carries the suggestion. Returns a promise for tests and callers.
   */
  function prepare(section, client, location) {
    var tier = section && section.querySelector('.eb-tier');
    var button = tier && tier.querySelector('[data-eb-action="apply-priority"]');
    var suggestion = readSuggestion(tier);
    if (!button || !suggestion || location !== 'ticket_sidebar') return Promise.resolve(false);
    button.disabled = true;
    button.hidden = false;
    button.addEventListener('click', function (event) {
      event.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      run(client, applyCalls(suggestion)).then(function () {
        markApplied(button);
      }, function () {
        button.disabled = false;
      });
    });
    return client.get(statePaths(suggestion)).then(function (data) {
      if (isApplied(suggestion, data)) markApplied(button);
      else button.disabled = false;
      return true;
    }, function () {
      button.disabled = false;
      return true;
    });
  }

  var api = {
    PRIORITIES: PRIORITIES,
    fieldPath: fieldPath,
    readSuggestion: readSuggestion,
    statePaths: statePaths,
    isApplied: isApplied,
    applyCalls: applyCalls,
    prepare: prepare
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else if (typeof window !== 'undefined') {
    window.EngagementBridgeActions = api;
  }
})();
