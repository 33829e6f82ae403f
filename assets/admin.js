/*
 * Engagement Bridge admin page (the nav_bar location): loads what the bridge did for this
 * installation through Zendesk's secure proxy (JWT + admin role checked by the backend) and renders
 * the panels of admin-panels.js, admin-work.js and admin-chart.js. Agents who are not admins get one
 * line saying so and no request is made. Actions are buttons with data-eb-action, reachable by keyboard.
 */
(function () {
  'use strict';

  var PATHS = {
    overview: '/v1/app/admin/overview',
    tiers: '/v1/app/admin/tiers',
    repair: '/v1/app/admin/repair',
    disconnect: '/v1/app/admin/disconnect',
    replay: '/v1/app/admin/replay',
    csv: '/v1/app/admin/dead-letters',
    importCsv: '/v1/app/admin/import-rows',
    engagementTest: '/v1/app/admin/engagement-test',
    cdpToken: '/v1/app/admin/cdp-token'
  };
  var REQUEST_TIMEOUT_MS = 30000;

  function AdminPage(win, client) {
    this.win = win;
    this.doc = win.document;
    this.client = client;
    this.root = this.doc.getElementById('eb-admin');
    this.shared = win.EngagementBridge;
    this.connect = win.EngagementBridgeConnect;
    this.f = win.EngagementBridgeAdminFormat;
    this.panels = win.EngagementBridgeAdminPanels;
    this.work = win.EngagementBridgeAdminWork;
    this.sync = win.EngagementBridgeAdminSync;
    this.chart = win.EngagementBridgeAdminChart;
    this.t = this.f.translator('en');
    this.state = { filters: {}, reasons: {}, notice: null, workNotice: null, confirmDisconnect: false, engagement: null };
    this.overview = null;
    this.tiers = null;
  }

  AdminPage.prototype.start = function () {
    var self = this;
    self.root.addEventListener('click', function (event) { self.onClick(event); });
    self.root.addEventListener('input', function (event) { self.onFilter(event); });
    self.root.addEventListener('change', function (event) { self.onReason(event); });
    self.win.addEventListener('focus', function () { if (self.overview && !self.overview.connected) self.load(); });
    return Promise.all([
      self.client.context(),
      self.client.metadata(),
      self.client.get('currentUser').then(function (data) { return data && data.currentUser; }, function () { return null; })
    ]).then(function (results) {
      self.context = results[0] || {};
      self.settings = (results[1] || {}).settings || {};
      self.currentUser = results[2] || {};
      self.t = self.f.translator(self.currentUser.locale);
      self.ui = { doc: self.doc, t: self.t, locale: self.t.locale, zone: self.currentUser.timeZone && self.currentUser.timeZone.ianaName };
      self.doc.documentElement.setAttribute('lang', self.t.locale);
      if (self.currentUser.role !== 'admin') return self.message('admins-only', self.t('adminsOnly'));
      return self.load();
    }).catch(function () {
      self.message('error', self.t('loadFailed'));
    });
  };

  AdminPage.prototype.request = function (path, extra, dataType) {
    var body = Object.assign(this.connect.buildAppBody(this.currentUser, this.settings), extra || {});
    var subdomain = this.context.account && this.context.account.subdomain;
    var options = this.connect.buildAppRequest(this.settings.backend_url, path, body, subdomain);
    if (dataType) options.dataType = dataType;
    return this.shared.withTimeout(this.client.request(options), REQUEST_TIMEOUT_MS);
  };

  /** Overview first (it says whether there is a connection), then the tier counts Zendesk answers more slowly. */
  AdminPage.prototype.load = function () {
    var self = this;
    self.root.setAttribute('aria-busy', 'true');
    var done = function () { self.root.setAttribute('aria-busy', 'false'); };
    return self.request(PATHS.overview).then(function (overview) {
      self.overview = overview || {};
      self.render();
      if (!self.overview.connected) return done();
      // Busy until the tier counts are in too, so nothing is clicked in a page about to be redrawn.
      return self.request(PATHS.tiers).then(function (tiers) { self.tiers = tiers || {}; }, function (failure) {
        self.tiers = { failed: self.f.failureDetail(failure) || self.t('loadFailed') };
      }).then(function () { self.render(); done(); });
    }, function (failure) {
      var status = failure && failure.status;
      if (status === 403) return self.message('admins-only', self.t('adminsOnly'));
      if (status === 401) return self.message('error', self.t('unverified'));
      if (status === 404) return self.message('error', self.t('noWriteSide'));
      return self.message('error', self.t('loadFailed'));
    });
  };

  AdminPage.prototype.clear = function () {
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
  };

  AdminPage.prototype.message = function (state, text) {
    this.clear();
    this.root.setAttribute('data-state', state);
    this.root.setAttribute('aria-busy', 'false');
    this.root.appendChild(this.f.el(this.doc, 'p', { className: 'eb-admin-message', text: text }));
    if (state === 'error') this.root.appendChild(this.panels.button(this.ui || { doc: this.doc }, 'refresh', this.t('refresh')));
  };

  AdminPage.prototype.render = function () {
    var ui = this.ui;
    var t = this.t;
    var o = this.overview;
    this.clear();
    this.root.setAttribute('data-state', o.connected ? 'connected' : 'disconnected');
    this.root.appendChild(this.f.el(this.doc, 'header', { className: 'eb-admin-header' }, [
      this.f.el(this.doc, 'h1', { className: 'eb-admin-title', text: t('title') }),
      this.panels.button(ui, 'refresh', t('refresh'))
    ]));
    var banner = this.panels.alerts(ui, o.alerts);
    if (banner) this.root.appendChild(banner);
    var grid = this.f.el(this.doc, 'div', { className: 'eb-admin-grid' }, [
      this.panels.connection(ui, o, this.state),
      o.connected ? this.panels.tiers(ui, this.tiers) : null,
      this.work.workPanel(ui, 'sync', t('syncHeading'), o.work, this.state,
        o.connected ? [this.sync.imports(ui, o.imports, this.state), this.sync.messages(ui, o.messages)] : []),
      this.work.workPanel(ui, 'relay', t('relayHeading'), o.work, this.state, o.connected ? [this.sync.sweep(ui, o.relay_sweep)] : []),
      this.chart.limitsPanel(ui, o.limits)
    ]);
    this.root.appendChild(grid);
    var sync = this.sync;
    var reasons = this.state.reasons;
    Array.prototype.forEach.call(grid.querySelectorAll('.eb-admin-import'), function (box) {
      var picked = reasons[box.getAttribute('data-import')];
      if (picked) sync.pick(box, picked);
    });
    this.chart.draw(ui, o.limits, this.win.uPlot);
    var connectBox = this.doc.getElementById('eb-admin-connect');
    if (connectBox) {
      new this.connect.ConnectPanel(this.win, connectBox, { client: this.client, settings: this.settings, currentUser: this.currentUser,
        context: this.context }).start();
    }
  };

  AdminPage.prototype.onClick = function (event) {
    var target = event.target && event.target.closest ? event.target.closest('[data-eb-action]') : null;
    if (!target || target.disabled) return;
    event.preventDefault();
    var action = target.getAttribute('data-eb-action');
    var kind = target.getAttribute('data-kind');
    this.state.notice = null;
    this.state.workNotice = null;
    if (action === 'refresh') this.load();
    else if (action === 'disconnect') this.rerender({ confirmDisconnect: true });
    else if (action === 'cancel') this.rerender({ confirmDisconnect: false });
    else if (action === 'repair') this.act(PATHS.repair, {}, this.t('repairQueued'));
    else if (action === 'confirm-disconnect') this.act(PATHS.disconnect, {}, this.t('disconnectQueued'));
    else if (action === 'replay') this.replay(kind);
    else if (action === 'csv') this.download(kind);
    else if (action === 'import-csv') this.downloadRows(target.getAttribute('data-import'));
    else if (action === 'engagement-test') this.testEngagement();
    else if (action === 'cdp-token') this.newCdpToken();
  };

  AdminPage.prototype.rerender = function (change) {
    Object.assign(this.state, change);
    this.render();
    this.root.setAttribute('aria-busy', 'false');
  };

  AdminPage.prototype.act = function (path, extra, done) {
    var self = this;
    self.state.confirmDisconnect = false;
    self.root.setAttribute('aria-busy', 'true');
    return self.request(path, extra).then(function () {
      self.state.notice = done;
      return self.load();
    }, function (failure) {
      self.rerender({ notice: self.t('actionFailed', { detail: self.f.failureDetail(failure) || self.t('loadFailed') }) });
    });
  };

  AdminPage.prototype.panelOf = function (kind) {
    var found = (this.overview.work || []).filter(function (k) { return k.kind === kind; })[0];
    return found ? found.panel : 'sync';
  };

  AdminPage.prototype.replay = function (kind) {
    var self = this;
    self.root.setAttribute('aria-busy', 'true');
    return self.request(PATHS.replay, { kind: kind }).then(function (answer) {
      self.state.workNotice = { panel: self.panelOf(kind), text: self.t('replayed', { count: self.f.number(self.ui.locale, answer && answer.replayed) }) };
      return self.load();
    }, function (failure) {
      self.rerender({ workNotice: { panel: self.panelOf(kind), text: self.t('actionFailed', { detail: self.f.failureDetail(failure) }) } });
    });
  };

  /** Saves text the backend answered as a file, from a blob link (outside the page's root, removed at once). */
  AdminPage.prototype.save = function (csv, name) {
    var blob = new this.win.Blob([typeof csv === 'string' ? csv : ''], { type: 'text/csv' });
    var url = this.win.URL.createObjectURL(blob);
    var link = this.f.el(this.doc, 'a', { href: url, download: name });
    this.doc.body.appendChild(link);
    link.click();
    this.doc.body.removeChild(link);
    this.win.setTimeout(function () { this.win.URL.revokeObjectURL(url); }.bind(this), 1000);
  };

  /** The CSV comes through the proxy like any answer; the browser saves it from a blob link. */
  AdminPage.prototype.download = function (kind) {
    var self = this;
    return self.request(PATHS.csv, { kind: kind }, 'text').then(function (csv) {
      self.save(csv, 'engagement-bridge-' + String(kind).replace(/[^A-Za-z0-9_-]/g, '_') + '-failed.csv');
    }, function (failure) {
      self.rerender({ workNotice: { panel: self.panelOf(kind), text: self.t('actionFailed', { detail: self.f.failureDetail(failure) }) } });
    });
  };

  /** The Engagement test: the button turns into "Testing…", then each answer with its next step. */
  AdminPage.prototype.testEngagement = function () {
    var self = this;
    self.rerender({ engagement: { running: true } });
    return self.request(PATHS.engagementTest).then(function (answer) {
      self.rerender({ engagement: { answer: answer || {} } });
    }, function (failure) {
      self.rerender({ engagement: { failed: self.f.failureDetail(failure) || self.t('loadFailed') } });
    });
  };

  /** A new CDP token replaces the old one at once; the page shows it until the next render that is not about it. */
  AdminPage.prototype.newCdpToken = function () {
    var self = this;
    return self.request(PATHS.cdpToken).then(function (answer) {
      self.rerender({ cdpToken: { token: answer && answer.token } });
      self.state.cdpToken = null;
    }, function (failure) {
      self.rerender({ cdpToken: { failed: self.f.failureDetail(failure) || self.t('loadFailed') } });
      self.state.cdpToken = null;
    });
  };

  /** An import's failed rows (of the picked reason, or all) as CSV, made by the backend and fetched through the proxy. */
  AdminPage.prototype.downloadRows = function (id) {
    var self = this;
    var reason = self.state.reasons[id] || '';
    return self.request(PATHS.importCsv, { 'import': id, reason: reason }, 'text').then(function (csv) {
      self.save(csv, 'engagement-bridge-import-' + String(id).replace(/[^A-Za-z0-9_-]/g, '_') + '-failed.csv');
    }, function (failure) {
      self.rerender({ workNotice: { panel: 'sync', text: self.t('actionFailed', { detail: self.f.failureDetail(failure) || self.t('loadFailed') }) } });
    });
  };

  /** Shows one import's failed rows of the picked reason, in place (the picker keeps focus). */
  AdminPage.prototype.onReason = function (event) {
    var select = event.target;
    var id = select && select.getAttribute && select.getAttribute('data-eb-reason');
    if (id === null || id === undefined) return;
    this.state.reasons[id] = select.value;
    var box = select.closest('.eb-admin-import');
    if (box) this.sync.pick(box, select.value);
  };

  /** Filters failed rows in place (no re-render, so the field keeps focus and caret). */
  AdminPage.prototype.onFilter = function (event) {
    var input = event.target;
    var panel = input && input.getAttribute && input.getAttribute('data-eb-filter');
    if (!panel) return;
    this.state.filters[panel] = input.value;
    var wanted = String(input.value || '').trim().toLowerCase();
    var section = this.doc.getElementById('eb-panel-' + panel);
    Array.prototype.forEach.call(section.querySelectorAll('.eb-admin-dead-letters tbody tr'), function (row) {
      var reason = row.querySelector('.eb-admin-reason');
      row.hidden = wanted !== '' && (!reason || reason.textContent.toLowerCase().indexOf(wanted) === -1);
    });
  };

  if (typeof window !== 'undefined' && window.document && window.document.getElementById('eb-admin') && window.ZAFClient) {
    new AdminPage(window, window.ZAFClient.init()).start();
  }
})();
