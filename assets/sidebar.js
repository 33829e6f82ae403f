/*
 * Engagement Bridge: the Zendesk-side glue of the sidebar.
 *
 * It finds the requester, asks the backend (through Zendesk's secure proxy) for a finished,
 * server-escaped HTML fragment, inserts it, resizes the iframe and follows requester changes.
 * Plain ES2017, no build step. The concerns live in strings.js, requester.js, request.js, render.js
 * and resize.js (loaded first by iframe.html); this file holds the app's flow and boots it only in a
 * browser page that has loaded the ZAF SDK (window.ZAFClient). Node tests import the pure helpers from here.
 */
(function () {
  'use strict';
  var eb = typeof module !== 'undefined' && module.exports
    ? Object.assign({}, require('./strings.js'), require('./requester.js'), require('./request.js'), require('./render.js'),
      require('./resize.js'))
    : window.EngagementBridge;
  var DEFAULT_LOCALE = eb.DEFAULT_LOCALE;
  var translator = eb.translator;
  var buildRequesterPayload = eb.buildRequesterPayload;
  var hasIdentifier = eb.hasIdentifier;
  var requesterKey = eb.requesterKey;
  var sidebarUrl = eb.sidebarUrl;
  var buildRequestBody = eb.buildRequestBody;
  var buildRequestOptions = eb.buildRequestOptions;
  var extractSidebarFragment = eb.extractSidebarFragment;
  var fragmentFromFailure = eb.fragmentFromFailure;
  var withTimeout = eb.withTimeout;

  var REQUEST_TIMEOUT_MS = 30000;
  var CHANGE_DEBOUNCE_MS = 150;
  var RECHECK_DELAY_MS = 1500;
  // After a ticket is solved, its support_ticket event reaches Engagement through the bridge's relay within seconds
  // (webhook, queue, batch); the backend then drops the requester's cached profile. Ask again at these delays:
  // each answer comes from the backend's cache until the relayed event is in.
  var AFTER_SOLVE_RECHECKS_MS = [2000, 5000, 10000, 20000, 40000];

  // Admin-only backend check of host, project token and key pair (same body and headers).
  var TEST_CONNECTION_SUFFIX = '/test-connection';

  var LOCATIONS = {
    ticket_sidebar: 'ticket',
    new_ticket_sidebar: 'ticket',
    user_sidebar: 'user'
  };

  // ---------------------------------------------------------------- the browser app

  function SidebarApp(client, win) {
    this.client = client;
    this.win = win;
    this.doc = win.document;
    this.root = this.doc.getElementById('eb-root');
    // Sized as a whole: the sidebar and any panel beside it (connect.js).
    this.frame = this.doc.getElementById('eb-frame') || this.root;
    this.t = translator(DEFAULT_LOCALE);
    this.seq = 0;
    this.location = null;
    this.settings = {};
    this.currentUser = null;
    this.lastRequesterKey = null;
    this.changeTimer = null;
    this.lastHeight = null;
    this.resizeFrame = null;
    this.afterSolveTimers = [];
  }

  SidebarApp.prototype.start = function () {
    var self = this;
    self.root.addEventListener('click', function (event) { self.onClick(event); });
    if (typeof self.win.ResizeObserver === 'function') {
      new self.win.ResizeObserver(function () { self.scheduleResize(false); }).observe(self.frame);
    }
    return Promise.all([
      self.client.context(),
      self.client.metadata(),
      self.client.get('currentUser').then(function (data) { return data && data.currentUser; }, function () { return null; })
    ]).then(function (results) {
      var context = results[0] || {};
      var metadata = results[1] || {};
      self.location = context.location;
      self.settings = metadata.settings || {};
      self.currentUser = results[2] || null;
      self.t = translator(self.currentUser && self.currentUser.locale);
      self.doc.documentElement.setAttribute('lang', self.t.locale);
      self.root.setAttribute('data-eb-location', self.location || '');
      self.subscribe();
      // For panels loaded after this script (connect.js): kept, for one that loads later, and announced.
      api.started = { client: self.client, context: context, settings: self.settings, currentUser: self.currentUser };
      if (typeof self.win.CustomEvent === 'function') self.doc.dispatchEvent(new self.win.CustomEvent('eb:started', { detail: api.started }));
      return self.load({ refresh: false });
    }).catch(function () {
      self.showNotice('error', self.t('loadFailed'), true);
    });
  };

  SidebarApp.prototype.subscribe = function () {
    var self = this;
    var onChange = function () { self.requesterMayHaveChanged(); };
    if (LOCATIONS[self.location] === 'ticket') {
      self.client.on('ticket.requester.email.changed', onChange);
      self.client.on('ticket.requester.id.changed', onChange);
      self.client.on('ticket.submit.done', function () { self.ticketSaved(); });
    } else if (LOCATIONS[self.location] === 'user') {
      self.client.on('user.email.changed', onChange);
    }
    self.client.on('app.activated', function () { self.scheduleResize(true); });
  };

  /** Both requester events fire for one change; coalesce them and skip no-op changes. */
  SidebarApp.prototype.requesterMayHaveChanged = function () {
    var self = this;
    if (self.changeTimer !== null) self.win.clearTimeout(self.changeTimer);
    self.changeTimer = self.win.setTimeout(function () {
      self.changeTimer = null;
      var mySeq = ++self.seq;
      self.readRequester().then(function (requester) {
        if (mySeq !== self.seq) return;
        if (requesterKey(requester) === self.lastRequesterKey && self.status() === 'ready') return;
        self.load({ refresh: false, requester: requester });
      }, function () {
        if (mySeq === self.seq) self.load({ refresh: false });
      });
    }, CHANGE_DEBOUNCE_MS);
  };

  /** A ticket saved as solved: show its relayed event when it is in, for as long as the same requester is shown. */
  SidebarApp.prototype.ticketSaved = function () {
    var self = this;
    return self.client.get('ticket.status').then(function (data) {
      if (!data || data['ticket.status'] !== 'solved') return;
      self.afterSolveTimers.forEach(function (timer) { self.win.clearTimeout(timer); });
      var requester = self.lastRequesterKey;
      self.afterSolveTimers = AFTER_SOLVE_RECHECKS_MS.map(function (delay) {
        return self.win.setTimeout(function () {
          if (self.lastRequesterKey === requester && self.status() === 'ready') self.load({ refresh: false, recheck: true });
        }, delay);
      });
    }, function () { /* no status to read: nothing was solved here */ });
  };

  SidebarApp.prototype.readRequester = function () {
    var kind = LOCATIONS[this.location];
    var path = kind === 'user' ? 'user' : 'ticket.requester';
    if (!kind) return Promise.reject(new Error('unsupported location'));
    return this.client.get(path).then(function (data) {
      return buildRequesterPayload(data && data[path]);
    });
  };

  /**
   * One request, one render. options.refresh asks the backend to bypass its cache;
   * options.soft keeps the current content (dimmed) instead of the loading state.
   */
  SidebarApp.prototype.load = function (options) {
    var self = this;
    var opts = options || {};
    var mySeq = ++self.seq;
    var stale = function () { return mySeq !== self.seq; };

    if (opts.recheck) {
      // keep the profile on screen: the answer comes from the backend's cache
    } else if (opts.soft) self.showRefreshing(); else self.showLoading();

    var requesterPromise = opts.requester !== undefined ? Promise.resolve(opts.requester) : self.readRequester();
    return requesterPromise.then(function (requester) {
      if (stale()) return null;
      self.lastRequesterKey = requesterKey(requester);
      if (!requester || (!hasIdentifier(requester) && self.location === 'new_ticket_sidebar')) {
        self.showNotice('no-requester', self.t('chooseRequester'), false);
        return null;
      }
      if (!hasIdentifier(requester)) {
        self.showNotice('no-identifier', self.t('noIdentifier'), false);
        return null;
      }
      if (!sidebarUrl(self.settings.backend_url)) {
        self.showNotice('not-configured', self.t('notConfigured'), false);
        return null;
      }
      var body = buildRequestBody({
        location: self.location,
        requester: requester,
        currentUser: self.currentUser,
        settings: self.settings,
        refresh: opts.refresh === true
      });
      var request = buildRequestOptions(self.settings.backend_url, body);
      if (opts.testConnection) request.url += TEST_CONNECTION_SUFFIX;
      return withTimeout(self.client.request(request), REQUEST_TIMEOUT_MS)
        .then(function (data) {
          if (stale()) return;
          var html = extractSidebarFragment(typeof data === 'string' ? data : null);
          if (!html || !self.renderFragment(html)) self.showNotice('error', self.t('loadFailed'), true);
          else if (!opts.recheck) self.recheckIfAsked(mySeq);
        }, function (failure) {
          if (stale()) return;
          var html = fragmentFromFailure(failure);
          if (!html || !self.renderFragment(html)) self.showNotice('error', self.t('loadFailed'), true);
        });
    }).catch(function () {
      if (!stale()) self.showNotice('error', self.t('loadFailed'), true);
    });
  };

  /**
   * The profile came from the first identifier that matched while the requester's other identifiers were
   * still being looked up: ask once more shortly (the backend's cache answers) so an "also matches" note appears.
   */
  SidebarApp.prototype.recheckIfAsked = function (mySeq) {
    var self = this;
    if (!self.root.querySelector('[data-recheck]')) return;
    self.win.setTimeout(function () {
      if (mySeq === self.seq) self.load({ refresh: false, recheck: true });
    }, RECHECK_DELAY_MS);
  };

  SidebarApp.prototype.onClick = function (event) {
    var target = event.target && event.target.closest ? event.target.closest('[data-eb-action]') : null;
    if (!target || !this.root.contains(target)) return;
    var action = target.getAttribute('data-eb-action');
    if (action === 'refresh') {
      event.preventDefault();
      this.load({ refresh: true, soft: true });
    } else if (action === 'retry') {
      event.preventDefault();
      this.load({ refresh: false });
    } else if (action === 'test-connection') {
      event.preventDefault();
      this.load({ testConnection: true, soft: true });
    }
  };

  Object.assign(SidebarApp.prototype, eb.renderMethods, eb.resizeMethods);

  function boot(win) {
    var root = win.document.getElementById('eb-root');
    if (!root) return null;
    var client = win.ZAFClient && win.ZAFClient.init();
    var app;
    if (!client) {
      // No ZAF SDK or no origin/app_guid: this page was not opened by Zendesk.
      app = new SidebarApp({ invoke: function () {} }, win);
      app.showNotice('error', app.t('notInZendesk'), false);
      return null;
    }
    app = new SidebarApp(client, win);
    client.on('app.registered', function () { app.start(); });
    return app;
  }


  var api = {
    STRINGS: eb.STRINGS,
    MAX_HEIGHT: eb.MAX_HEIGHT,
    pickLocale: eb.pickLocale,
    translator: translator,
    buildRequesterPayload: buildRequesterPayload,
    hasIdentifier: hasIdentifier,
    requesterKey: requesterKey,
    sidebarUrl: sidebarUrl,
    publicSettings: eb.publicSettings,
    buildAgent: eb.buildAgent,
    buildRequestBody: buildRequestBody,
    buildRequestOptions: buildRequestOptions,
    extractSidebarFragment: extractSidebarFragment,
    fragmentFromFailure: fragmentFromFailure,
    clampHeight: eb.clampHeight,
    withTimeout: withTimeout
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else if (typeof window !== 'undefined' && window.document) {
    window.EngagementBridge = api;
    boot(window);
  }
})();
