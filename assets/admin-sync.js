/*
 * Engagement Bridge admin page: the Sync panel's imports (each with its failed rows, their reason and fix,
 * a picker by reason and a CSV download) and recent streaming messages, and the Relay panel's last sweep.
 * Pure builders from the backend's answer to DOM nodes; every value is set as text.
 */
(function () {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var f = node ? require('./admin-format.js') : window.EngagementBridgeAdminFormat;
  var panels = node ? require('./admin-panels.js') : window.EngagementBridgeAdminPanels;

  /** The distinct reasons of failed rows, most frequent first, each with its count. */
  function reasons(rows) {
    var counts = {};
    var order = [];
    (rows || []).forEach(function (row) {
      var reason = String(row.reason || '');
      if (!Object.prototype.hasOwnProperty.call(counts, reason)) {
        counts[reason] = 0;
        order.push(reason);
      }
      counts[reason] += 1;
    });
    return order.map(function (reason) { return { reason: reason, count: counts[reason] }; })
      .sort(function (a, b) { return b.count - a.count; });
  }

  function statusText(t, prefix, status) {
    var key = prefix + String(status);
    var text = t(key);
    return text === key ? String(status) : text;
  }

  function summaryTable(ui, imports) {
    var t = ui.t;
    var n = function (value) { return f.number(ui.locale, value); };
    return f.table(ui.doc, null, [t('importSource'), t('importStatus'), t('importStarted'), t('importRows'), t('importWritten'),
      t('importUnchanged'), t('importFailedRows')], imports.map(function (imp) {
      var c = imp.counts || {};
      return [String(imp.source || ''), statusText(t, 'importStatus_', imp.status) + (imp.note ? ': ' + String(imp.note) : ''),
        f.dateTime(ui.locale, ui.zone, imp.created_at), n(imp.total), n((c.created || 0) + (c.updated || 0)), n(c.unchanged), n(imp.failed)];
    }), 'eb-admin-imports');
  }

  /** One import's failed rows: the reason picker, the rows (those of the picked reason), a note when more exist, the CSV button. */
  function failedRows(ui, imp, picked) {
    var t = ui.t;
    var doc = ui.doc;
    var rows = imp.failed_rows || [];
    var id = String(imp.id);
    var pickerId = 'eb-reason-' + id.replace(/[^A-Za-z0-9_-]/g, '_');
    var options = [f.el(doc, 'option', { value: '', text: t('allReasons', { count: f.number(ui.locale, rows.length) }) })]
      .concat(reasons(rows).map(function (r) {
        return f.el(doc, 'option', { value: r.reason, selected: r.reason === picked, text: r.reason + ' (' + f.number(ui.locale, r.count) + ')' });
      }));
    return f.el(doc, 'div', { className: 'eb-admin-import', 'data-import': id }, [
      f.el(doc, 'div', { className: 'eb-admin-filter' }, [
        f.el(doc, 'label', { for: pickerId, text: t('reasonPicker') }),
        f.el(doc, 'select', { id: pickerId, className: 'eb-admin-input', 'data-eb-reason': id }, options)
      ]),
      f.table(doc, t('failedRowsOf', { source: String(imp.source || '') }), [t('row'), t('user'), t('reason'), t('fix')], rows.map(function (row) {
        return [f.number(ui.locale, row.row), String(row.user || ''), f.el(doc, 'span', { className: 'eb-admin-reason', text: String(row.reason || '') }),
          String(row.fix || '')];
      }), 'eb-admin-failed-rows'),
      imp.failed > rows.length ? f.el(doc, 'p', { className: 'eb-admin-note', text: t('failedRowsShown', {
        shown: f.number(ui.locale, rows.length), total: f.number(ui.locale, imp.failed) }) }) : null,
      f.el(doc, 'div', { className: 'eb-admin-actions' }, [
        panels.button(ui, 'import-csv', t('downloadCsv'), { 'data-import': id })
      ])
    ]);
  }

  /** Hides the failed rows of one import whose reason is not {@code picked} ('' shows all). */
  function pick(container, picked) {
    Array.prototype.forEach.call(container.querySelectorAll('.eb-admin-failed-rows tbody tr'), function (row) {
      var reason = row.querySelector('.eb-admin-reason');
      row.hidden = picked !== '' && (!reason || reason.textContent !== picked);
    });
  }

  function imports(ui, list, state) {
    var t = ui.t;
    var doc = ui.doc;
    var all = Array.isArray(list) ? list : [];
    var children = [f.el(doc, 'h3', { className: 'eb-admin-subheading', text: t('importsHeading') })];
    if (all.length === 0) return f.el(doc, 'div', { className: 'eb-admin-sync-imports' }, children.concat([
      f.el(doc, 'p', { className: 'eb-admin-note', text: t('noImports') })]));
    children.push(summaryTable(ui, all));
    all.forEach(function (imp) {
      if ((imp.failed_rows || []).length > 0) children.push(failedRows(ui, imp, (state.reasons || {})[String(imp.id)] || ''));
    });
    return f.el(doc, 'div', { className: 'eb-admin-sync-imports' }, children);
  }

  function messages(ui, list) {
    var t = ui.t;
    var doc = ui.doc;
    var all = Array.isArray(list) ? list : [];
    return f.el(doc, 'div', { className: 'eb-admin-sync-messages' }, [
      f.el(doc, 'h3', { className: 'eb-admin-subheading', text: t('messagesHeading') }),
      all.length === 0 ? f.el(doc, 'p', { className: 'eb-admin-note', text: t('noMessages') })
        : f.table(doc, null, [t('messageType'), t('messageId'), t('state'), t('reason'), t('received')], all.map(function (m) {
          return [String(m.type || ''), String(m.message_id || ''), statusText(t, 'messageStatus_', m.status),
            f.el(doc, 'span', { className: 'eb-admin-reason', text: String(m.reason || '') }), f.dateTime(ui.locale, ui.zone, m.received_at)];
        }), 'eb-admin-messages')
    ]);
  }

  /** The relay's last catch-up sweep: when, over what, what it re-sent; and the last time it had to. */
  function sweep(ui, last) {
    var t = ui.t;
    var doc = ui.doc;
    var n = function (value) { return f.number(ui.locale, value); };
    var when = function (iso) { return f.dateTime(ui.locale, ui.zone, iso); };
    var lines = !last ? [f.el(doc, 'p', { className: 'eb-admin-note', text: t('sweepNone') })] : [
      f.el(doc, 'p', { className: 'eb-admin-sweep-last', text: t('sweepLast', { time: when(last.finished_at), seen: n(last.seen), since: when(last.since),
        recovered: n(last.recovered) }) }),
      f.el(doc, 'p', { className: 'eb-admin-note', text: last.last_recovery_at
        ? t('sweepLastRecovery', { time: when(last.last_recovery_at), count: n(last.last_recovered) }) : t('sweepNeverRecovered') })
    ];
    return f.el(doc, 'div', { id: 'eb-admin-sweep', className: 'eb-admin-sweep' },
      [f.el(doc, 'h3', { className: 'eb-admin-subheading', text: t('sweepHeading') })].concat(lines));
  }

  var api = { reasons: reasons, imports: imports, messages: messages, sweep: sweep, pick: pick };

  if (node) {
    module.exports = api;
  } else {
    window.EngagementBridgeAdminSync = api;
  }
})();
