/*
 * Engagement Bridge admin page: the Sync and Relay panels, built the same way for any kind of work
 * (provisioning, tier writes, CDP imports, relayed webhooks): counts by state, the oldest waiting item,
 * failed items with their reason (filterable), Replay and a CSV download per kind.
 */
(function () {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var f = node ? require('./admin-format.js') : window.EngagementBridgeAdminFormat;
  var panels = node ? require('./admin-panels.js') : window.EngagementBridgeAdminPanels;

  /** The kinds of one panel ("sync" or "relay"), in the backend's order. */
  function kindsOf(work, panel) {
    return (Array.isArray(work) ? work : []).filter(function (kind) { return kind.panel === panel; });
  }

  /** Failed items whose reason contains the filter text (case-insensitive); all when the filter is empty. */
  function matching(items, filter) {
    var wanted = String(filter || '').trim().toLowerCase();
    return (items || []).filter(function (item) {
      return !wanted || String(item.reason || '').toLowerCase().indexOf(wanted) !== -1;
    });
  }

  function summaryTable(ui, kinds) {
    var t = ui.t;
    return f.table(ui.doc, null, [t('kind'), t('pending'), t('running'), t('doneHour'), t('dead'), t('oldest')], kinds.map(function (k) {
      return [String(k.kind), f.number(ui.locale, k.pending), f.number(ui.locale, k.running), f.number(ui.locale, k.done_last_hour),
        f.number(ui.locale, k.dead), k.oldest_pending_seconds === null || k.oldest_pending_seconds === undefined ? t('none')
          : f.age(t, ui.locale, k.oldest_pending_seconds)];
    }), 'eb-admin-work');
  }

  function deadLetters(ui, kind, filter) {
    var t = ui.t;
    var doc = ui.doc;
    var shown = matching(kind.dead_letters, filter);
    return f.el(doc, 'div', { className: 'eb-admin-dead', 'data-kind': String(kind.kind) }, [
      f.table(doc, t('deadLettersOf', { kind: String(kind.kind) }), [t('key'), t('attempts'), t('stored'), t('reason')], shown.map(function (item) {
        return [String(item.key), f.number(ui.locale, item.attempts), f.dateTime(ui.locale, ui.zone, item.created_at),
          f.el(doc, 'span', { className: 'eb-admin-reason', text: String(item.reason || '') })];
      }), 'eb-admin-dead-letters'),
      f.el(doc, 'div', { className: 'eb-admin-actions' }, [
        panels.button(ui, 'replay', t('replay'), { 'data-kind': String(kind.kind) }),
        panels.button(ui, 'csv', t('downloadCsv'), { 'data-kind': String(kind.kind) })
      ])
    ]);
  }

  function recent(ui, kind) {
    var t = ui.t;
    var items = kind.recent || [];
    if (items.length === 0) return null;
    return f.table(ui.doc, t('recent', { kind: String(kind.kind) }), [t('key'), t('state'), t('attempts'), t('stored')], items.map(function (item) {
      return [String(item.key), String(item.state), f.number(ui.locale, item.attempts), f.dateTime(ui.locale, ui.zone, item.created_at)];
    }), 'eb-admin-recent');
  }

  /**
   * One panel: its summary table, then {@code extras} (the panel's own blocks: the relay's sweep, the sync's imports),
   * then per kind its failed items (with the reason filter) and recent items.
   */
  function workPanel(ui, id, heading, work, state, extras) {
    var t = ui.t;
    var doc = ui.doc;
    var kinds = kindsOf(work, id);
    var more = (extras || []).filter(function (x) { return x; });
    if (kinds.length === 0) return panels.section(ui, id, heading, [f.el(doc, 'p', { className: 'eb-admin-note', text: t('noWork') })].concat(more));
    var children = [summaryTable(ui, kinds)].concat(more);
    if (more.length > 0) children.push(f.el(doc, 'h3', { className: 'eb-admin-subheading', text: t('workItemsHeading') }));
    var anyDead = kinds.some(function (k) { return (k.dead_letters || []).length > 0; });
    if (anyDead) {
      var inputId = 'eb-filter-' + id;
      children.push(f.el(doc, 'div', { className: 'eb-admin-filter' }, [
        f.el(doc, 'label', { for: inputId, text: t('filterReason') }),
        f.el(doc, 'input', { id: inputId, type: 'search', className: 'eb-admin-input', 'data-eb-filter': id, value: state.filters[id] || '' })
      ]));
    }
    kinds.forEach(function (kind) {
      if ((kind.dead_letters || []).length > 0) children.push(deadLetters(ui, kind, state.filters[id]));
      children.push(recent(ui, kind));
    });
    if (state.workNotice && state.workNotice.panel === id) {
      children.push(f.el(doc, 'p', { className: 'eb-admin-notice', role: 'status', text: state.workNotice.text }));
    }
    return panels.section(ui, id, heading, children);
  }

  var api = { kindsOf: kindsOf, matching: matching, workPanel: workPanel };

  if (node) {
    module.exports = api;
  } else {
    window.EngagementBridgeAdminWork = api;
  }
})();
