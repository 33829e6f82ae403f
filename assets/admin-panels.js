/*
 * Engagement Bridge admin page: the alerts banner, the Connection panel and the Tiers panel.
 * Pure builders from the backend's answer to DOM nodes; buttons carry data-eb-action for admin.js.
 */
(function () {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var f = node ? require('./admin-format.js') : window.EngagementBridgeAdminFormat;

  function section(ui, id, heading, children) {
    return f.el(ui.doc, 'section', { id: 'eb-panel-' + id, className: 'eb-admin-panel', 'aria-labelledby': 'eb-heading-' + id }, [
      f.el(ui.doc, 'h2', { id: 'eb-heading-' + id, className: 'eb-admin-heading', text: heading })
    ].concat(children));
  }

  function button(ui, action, label, extra) {
    return f.el(ui.doc, 'button', Object.assign({ type: 'button', className: 'eb-button', 'data-eb-action': action, text: label }, extra || {}));
  }

  /** One line per alert, each naming what to do next; nothing when all is well. */
  function alerts(ui, list) {
    if (!Array.isArray(list) || list.length === 0) return null;
    var t = ui.t;
    var lines = list.map(function (alert) {
      var d = alert.detail || {};
      var text = alert.kind === 'dead_letters' ? t('alert_dead_letters', { count: f.number(ui.locale, d.count) })
        : alert.kind === 'backlog' ? t('alert_backlog', { minutes: f.number(ui.locale, d.oldest_minutes), threshold: f.number(ui.locale, d.threshold_minutes) })
          : alert.kind === 'token_expiring' ? t('alert_token_expiring', { date: f.dateTime(ui.locale, ui.zone, d.expires_at), days: f.number(ui.locale, d.days_left) })
            : alert.kind === 'token_revoked' ? t('alert_token_revoked') : null;
      return text ? f.el(ui.doc, 'li', { 'data-alert': alert.kind, text: text }) : null;
    });
    return f.el(ui.doc, 'div', { id: 'eb-alerts', className: 'eb-admin-alerts', role: 'alert' }, [
      f.el(ui.doc, 'p', { className: 'eb-admin-alerts-heading', text: t('alertsHeading') }),
      f.el(ui.doc, 'ul', {}, lines)
    ]);
  }

  function field(ui, label, value) {
    return [f.el(ui.doc, 'dt', { text: label }), f.el(ui.doc, 'dd', { text: value })];
  }

  /** The Engagement test: its button, then what the app's settings (and the connection's, if they differ) got. */
  function engagement(ui, connection, test) {
    var t = ui.t;
    var doc = ui.doc;
    var result = function (label, answer) {
      return f.el(doc, 'p', { className: answer.ok ? 'eb-admin-ok' : 'eb-admin-error', 'data-engagement': answer.ok ? 'ok' : String(answer.kind || ''),
        text: t(label, { message: String(answer.message || '') }) });
    };
    var lines = [];
    if (test && test.running) lines.push(f.el(doc, 'p', { className: 'eb-admin-note', role: 'status', text: t('engagementTesting') }));
    else if (test && test.failed) lines.push(f.el(doc, 'p', { className: 'eb-admin-error', text: t('engagementFailed', { detail: test.failed }) }));
    else if (test && test.answer) {
      if (test.answer.app_settings) lines.push(result('engagementAppSettings', test.answer.app_settings));
      if (test.answer.connection) {
        lines.push(result('engagementConnection', test.answer.connection));
        lines.push(f.el(doc, 'p', { className: 'eb-admin-note', text: t('engagementConnectionDiffers') }));
      }
    }
    return f.el(doc, 'div', { id: 'eb-admin-engagement', className: 'eb-admin-engagement', 'aria-live': 'polite' }, [
      f.el(doc, 'h3', { className: 'eb-admin-subheading', text: t('engagementHeading') }),
      connection.engagement_base_url ? f.el(doc, 'p', { className: 'eb-admin-note', text: String(connection.engagement_base_url) }) : null,
      button(ui, 'engagement-test', t('engagementTest'), { title: t('engagementHelp'), disabled: test && test.running === true })
    ].concat(lines));
  }

  /** Where a CDP sends, and a new inbound token on request: shown once, in this answer only, never stored in the page's state. */
  function cdpToken(ui, overview, minted) {
    var t = ui.t;
    var doc = ui.doc;
    var lines = [];
    if (minted && minted.failed) lines.push(f.el(doc, 'p', { className: 'eb-admin-error', text: t('cdpTokenFailed', { detail: minted.failed }) }));
    else if (minted && minted.token) {
      lines.push(f.el(doc, 'p', { className: 'eb-admin-notice', role: 'status', text: t('cdpTokenShown') }));
      lines.push(f.el(doc, 'code', { id: 'eb-admin-cdp-token', className: 'eb-admin-token', text: String(minted.token) }));
    }
    return f.el(doc, 'div', { id: 'eb-admin-cdp', className: 'eb-admin-engagement', 'aria-live': 'polite' }, [
      f.el(doc, 'h3', { className: 'eb-admin-subheading', text: t('cdpHeading') }),
      f.el(doc, 'p', { className: 'eb-admin-note', text: t('cdpHelp', { events: String(overview.cdp_events_path || ''),
        imports: String(overview.cdp_imports_path || '') }) }),
      button(ui, 'cdp-token', t('cdpNewToken'))
    ].concat(lines));
  }

  /** Connected or not, how, until when, what we created in Zendesk, and Repair / Disconnect. */
  function connection(ui, overview, state) {
    var t = ui.t;
    var doc = ui.doc;
    if (!overview.connected || !overview.connection) {
      return section(ui, 'connection', t('connectionHeading'), [
        f.el(doc, 'p', { className: 'eb-admin-note', text: t('notConnected') }),
        f.el(doc, 'div', { id: 'eb-admin-connect', className: 'eb-connect' })
      ]);
    }
    var c = overview.connection;
    var items = [].concat(
      field(ui, t('authType'), t('auth_' + c.auth_type)),
      field(ui, t('tokenExpires'), c.token_expires_at ? f.dateTime(ui.locale, ui.zone, c.token_expires_at) : t('tokenNoExpiry')),
      field(ui, t('connectedSince'), f.dateTime(ui.locale, ui.zone, c.connected_at)));
    var provisioned = Array.isArray(c.provisioned) ? c.provisioned : [];
    var children = [
      f.el(doc, 'p', { className: 'eb-admin-lead', text: t('connectedTo', { url: String(c.zendesk_url || '') }) }),
      f.el(doc, 'dl', { className: 'eb-admin-facts' }, items),
      engagement(ui, c, state.engagement),
      cdpToken(ui, overview, state.cdpToken),
      f.el(doc, 'h3', { className: 'eb-admin-subheading', text: t('provisionedHeading') }),
      provisioned.length === 0 ? f.el(doc, 'p', { className: 'eb-admin-note', text: t('provisionedNone') })
        : f.table(doc, null, [t('kind'), t('key'), 'ID'], provisioned.map(function (p) {
          return [t('kind_' + p.kind), String(p.name), String(p.id)];
        }), 'eb-admin-provisioned')
    ];
    if (c.disconnecting) children.push(f.el(doc, 'p', { className: 'eb-admin-note', 'data-note': 'disconnecting', text: t('disconnecting') }));
    else if (c.provisioning) children.push(f.el(doc, 'p', { className: 'eb-admin-note', 'data-note': 'provisioning', text: t('provisioning') }));
    if (state.notice) children.push(f.el(doc, 'p', { className: 'eb-admin-notice', role: 'status', text: state.notice }));
    if (state.confirmDisconnect) {
      children.push(f.el(doc, 'p', { className: 'eb-admin-note', text: t('confirmDisconnect') }));
      children.push(f.el(doc, 'div', { className: 'eb-admin-actions' }, [
        button(ui, 'confirm-disconnect', t('disconnect'), { className: 'eb-button eb-button-danger' }),
        button(ui, 'cancel', t('cancel'))
      ]));
    } else {
      children.push(f.el(doc, 'div', { className: 'eb-admin-actions' }, [
        button(ui, 'repair', t('repair'), { title: t('repairHelp'), disabled: c.disconnecting === true }),
        button(ui, 'disconnect', t('disconnect'), { disabled: c.disconnecting === true })
      ]));
    }
    return section(ui, 'connection', t('connectionHeading'), children);
  }

  /** Known users and open tickets per tier, and who has no tier yet; a failure names Zendesk's hint. */
  function tiers(ui, answer) {
    var t = ui.t;
    var doc = ui.doc;
    if (!answer) return section(ui, 'tiers', t('tiersHeading'), [f.el(doc, 'p', { className: 'eb-admin-note', text: t('loading') })]);
    if (answer.failed) {
      return section(ui, 'tiers', t('tiersHeading'), [f.el(doc, 'p', { className: 'eb-admin-error', text: t('tiersFailed', { detail: answer.failed }) })]);
    }
    var rows = (answer.tiers || []).map(function (row) {
      return [String(row.name), f.number(ui.locale, row.users), f.number(ui.locale, row.open_tickets)];
    });
    rows.push([t('noTier'), f.number(ui.locale, answer.users_without_tier), f.number(ui.locale, answer.open_tickets_without_tier)]);
    var requesters = answer.requesters_without_tier || [];
    return section(ui, 'tiers', t('tiersHeading'), [
      f.table(doc, null, [t('tier'), t('users'), t('openTickets')], rows, 'eb-admin-tiers'),
      requesters.length === 0 ? null : f.el(doc, 'h3', { className: 'eb-admin-subheading', text: t('requestersWithoutTier') }),
      requesters.length === 0 ? null : f.el(doc, 'ul', { className: 'eb-admin-requesters' }, requesters.map(function (r) {
        return f.el(doc, 'li', { text: String(r.name || '') + (r.email ? ' <' + r.email + '>' : '') });
      }))
    ]);
  }

  var api = { section: section, button: button, alerts: alerts, engagement: engagement, connection: connection, tiers: tiers };

  if (node) {
    module.exports = api;
  } else {
    window.EngagementBridgeAdminPanels = api;
  }
})();
