/*
 * Engagement Bridge: "Connect Zendesk" in the admin view.
 *
 * For admins only, a small panel under the sidebar shows whether this installation is connected
 * to Zendesk for writing. Connect asks the backend (through the secure proxy, with a JWT naming
 * the account's subdomain) for Zendesk's approval URL and opens it in a new tab; when this window
 * regains focus the panel asks again. Disconnect queues the backend's durable disconnect (what the bridge
 * created in Zendesk removed, then its tokens and the connection); the panel says so and checks again.
 * Reuses the request helpers of sidebar.js and the strings of connect-strings.js (both loaded
 * first); the pure helpers are exported for node tests.
 */
(function () {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var shared = node ? require('./sidebar.js') : window.EngagementBridge;
  var STRINGS = node ? require('./connect-strings.js') : window.EngagementBridgeConnectStrings;

  var PATHS = { connect: '/v1/app/connect', status: '/v1/app/connection', disconnect: '/v1/app/disconnect' };
  var REQUEST_TIMEOUT_MS = 30000;
  var DISCONNECT_CHECK_MS = 3000;
  var DISCONNECT_CHECKS = 40;

  function translator(locale) {
    var chosen = STRINGS[shared.pickLocale(locale)] || STRINGS.en;
    return function (key, values) {
      var text = Object.prototype.hasOwnProperty.call(chosen, key) ? chosen[key] : STRINGS.en[key] || key;
      return text.replace(/\{(\w+)\}/g, function (all, name) {
        return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    };
  }

  /** backend_url + path, without a doubled slash; null when backend_url is not set. */
  function appApiUrl(backendUrl, path) {
    var sidebar = shared.sidebarUrl(backendUrl);
    return sidebar ? sidebar.replace(/\/sidebar$/, '') + path : null;
  }

  /** The body the backend needs: who asks (admins only) and the installation's public settings. */
  function buildAppBody(currentUser, settings) {
    return { agent: shared.buildAgent(currentUser), settings: shared.publicSettings(settings) };
  }

  /**
   * client.request options like the sidebar's (key pair and JWT filled in by the proxy), plus the
   * account's subdomain as the JWT's iss claim: with the verifying secret it names the installation.
   */
  function buildAppRequest(backendUrl, path, body, subdomain) {
    var options = shared.buildRequestOptions(backendUrl, body);
    options.url = appApiUrl(backendUrl, path);
    options.dataType = 'json';
    options.jwt.claims = Object.assign({}, options.jwt.claims, { iss: subdomain });
    return options;
  }

  /** What the panel shows for an answer of POST /v1/app/connection. */
  function statusView(status) {
    var answer = status || {};
    if (answer.connected === true && answer.connection && answer.disconnecting === true) {
      return { state: 'disconnecting', url: String(answer.connection.zendesk_url || ''), action: null };
    }
    if (answer.connected === true && answer.connection) {
      return { state: 'connected', url: String(answer.connection.zendesk_url || ''), action: 'disconnect' };
    }
    if (answer.oauth_configured === false) return { state: 'not-configured', action: null };
    return { state: 'disconnected', action: 'connect' };
  }

  /** A failed request as {state, message key, detail}; state "hidden" when this backend has no write side (404). */
  function failureView(failure) {
    var status = failure && typeof failure.status === 'number' ? failure.status : 0;
    var error = '';
    try {
      var parsed = JSON.parse(failure && failure.responseText);
      error = parsed && typeof parsed.error === 'string' ? parsed.error : '';
    } catch (e) {
      error = '';
    }
    if (status === 404) return { state: 'hidden' };
    if (status === 401) return { state: 'error', key: 'unverified' };
    if (status === 409 && /OAuth client/.test(error)) return { state: 'not-configured', key: 'notConfigured' };
    if (status === 422) return { state: 'error', key: 'fixSettings', detail: error.replace(/^Fix these app settings first:\s*/, '') };
    return { state: 'error', key: 'failed' };
  }

  function ConnectPanel(win, container, detail) {
    this.win = win;
    this.doc = win.document;
    this.container = container;
    this.client = detail.client;
    this.settings = detail.settings || {};
    this.currentUser = detail.currentUser || {};
    this.subdomain = detail.context && detail.context.account && detail.context.account.subdomain;
    this.t = translator(this.currentUser.locale);
    this.awaitingApproval = false;
    this.busy = false;
    this.disconnectChecks = 0;
  }

  ConnectPanel.prototype.start = function () {
    var self = this;
    if (self.currentUser.role !== 'admin' || !self.subdomain || !appApiUrl(self.settings.backend_url, '')) return false;
    self.container.addEventListener('click', function (event) { self.onClick(event); });
    // The approval happens in another tab; ask again when the admin comes back to this one.
    var back = function () {
      if (self.awaitingApproval && self.doc.visibilityState !== 'hidden') self.refresh();
    };
    self.win.addEventListener('focus', back);
    self.doc.addEventListener('visibilitychange', back);
    self.refresh();
    return true;
  };

  ConnectPanel.prototype.request = function (path) {
    var options = buildAppRequest(this.settings.backend_url, path, buildAppBody(this.currentUser, this.settings), this.subdomain);
    return shared.withTimeout(this.client.request(options), REQUEST_TIMEOUT_MS);
  };

  ConnectPanel.prototype.refresh = function () {
    var self = this;
    return self.request(PATHS.status).then(function (status) {
      var view = statusView(status);
      if (view.state === 'connected') self.awaitingApproval = false;
      self.render(view);
      self.checkDisconnectLater(view);
    }, function (failure) { self.render(failureView(failure)); });
  };

  /** While the disconnect runs in the backend, asks again every few seconds (for a while) until it is gone. */
  ConnectPanel.prototype.checkDisconnectLater = function (view) {
    var self = this;
    if (view.state !== 'disconnecting') {
      self.disconnectChecks = 0;
      return;
    }
    if (self.disconnectChecks >= DISCONNECT_CHECKS) return;
    self.disconnectChecks += 1;
    self.win.setTimeout(function () { self.refresh(); }, DISCONNECT_CHECK_MS);
  };

  ConnectPanel.prototype.onClick = function (event) {
    var target = event.target && event.target.closest ? event.target.closest('[data-eb-connect]') : null;
    if (!target || this.busy) return;
    var action = target.getAttribute('data-eb-connect');
    if (action === 'connect') {
      event.preventDefault();
      this.connect();
    } else if (action === 'disconnect') {
      event.preventDefault();
      this.render({ state: 'confirm', url: this.lastUrl });
    } else if (action === 'confirm-disconnect') {
      event.preventDefault();
      this.disconnect();
    } else if (action === 'cancel' || action === 'check') {
      event.preventDefault();
      this.disconnectChecks = 0;
      this.refresh();
    }
  };

  /**
   * Opens the tab inside the click (popup blockers allow only that), then points it at Zendesk once
   * the backend has answered; if the browser blocked it anyway, the admin gets a link to click.
   */
  ConnectPanel.prototype.connect = function () {
    var self = this;
    var tab = self.win.open('', '_blank');
    if (tab) tab.opener = null;
    self.busy = true;
    return self.request(PATHS.connect).then(function (answer) {
      self.busy = false;
      var url = answer && typeof answer.authorize_url === 'string' && /^https?:\/\//i.test(answer.authorize_url) ? answer.authorize_url : null;
      if (!url) {
        if (tab) tab.close();
        self.render({ state: 'error', key: 'failed' });
        return;
      }
      self.awaitingApproval = true;
      if (tab) tab.location.href = url;
      self.render({ state: 'waiting', approvalUrl: tab ? null : url });
    }, function (failure) {
      self.busy = false;
      if (tab) tab.close();
      self.render(failureView(failure));
    });
  };

  ConnectPanel.prototype.disconnect = function () {
    var self = this;
    self.busy = true;
    return self.request(PATHS.disconnect).then(function (answer) {
      self.busy = false;
      if (answer && answer.disconnecting === true) {
        var view = { state: 'disconnecting', url: self.lastUrl };
        self.render(view);
        self.checkDisconnectLater(view);
        return null;
      }
      return self.refresh();
    }, function (failure) {
      self.busy = false;
      self.render(failureView(failure));
    });
  };

  ConnectPanel.prototype.el = function (tag, className, text) {
    var node = this.doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  ConnectPanel.prototype.button = function (action, label) {
    var button = this.el('button', 'eb-button', label);
    button.setAttribute('type', 'button');
    button.setAttribute('data-eb-connect', action);
    return button;
  };

  /** Everything is built with textContent: the URL and the backend's detail are shown, never parsed as HTML. */
  ConnectPanel.prototype.render = function (view) {
    var t = this.t;
    var box = this.container;
    while (box.firstChild) box.removeChild(box.firstChild);
    if (view.state === 'hidden') {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.setAttribute('data-state', view.state);
    box.appendChild(this.el('p', 'eb-connect-heading', t('heading')));
    if (view.state === 'connected') {
      this.lastUrl = view.url;
      box.appendChild(this.el('p', 'eb-connect-body', t('connected', { url: view.url })));
      box.appendChild(this.button('disconnect', t('disconnect')));
    } else if (view.state === 'confirm') {
      box.appendChild(this.el('p', 'eb-connect-body', t('confirmDisconnect')));
      box.appendChild(this.button('confirm-disconnect', t('disconnect')));
      box.appendChild(this.button('cancel', t('cancel')));
    } else if (view.state === 'disconnecting') {
      box.appendChild(this.el('p', 'eb-connect-body', t('disconnecting')));
      box.appendChild(this.button('check', t('checkAgain')));
    } else if (view.state === 'disconnected') {
      box.appendChild(this.el('p', 'eb-connect-body', t('notConnected')));
      box.appendChild(this.button('connect', t('connect')));
    } else if (view.state === 'waiting') {
      box.appendChild(this.el('p', 'eb-connect-body', t('waiting')));
      if (view.approvalUrl) {
        var link = this.el('a', 'eb-link', t('openApproval'));
        link.setAttribute('href', view.approvalUrl);
        link.setAttribute('target', '_blank');
        link.setAttribute('rel', 'noopener noreferrer');
        box.appendChild(link);
      }
      box.appendChild(this.button('connect', t('connect')));
    } else if (view.state === 'not-configured') {
      box.appendChild(this.el('p', 'eb-connect-body', t('notConfigured')));
    } else {
      box.appendChild(this.el('p', 'eb-connect-body', t(view.key || 'failed') + (view.detail ? ' ' + view.detail : '')));
      box.appendChild(this.button('cancel', t('cancel')));
    }
  };

  var api = {
    STRINGS: STRINGS,
    PATHS: PATHS,
    translator: translator,
    appApiUrl: appApiUrl,
    buildAppBody: buildAppBody,
    buildAppRequest: buildAppRequest,
    statusView: statusView,
    failureView: failureView,
    ConnectPanel: ConnectPanel
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else if (typeof window !== 'undefined' && window.document && shared) {
    // The admin page (admin.html) builds its requests the same way and shows this panel while not connected.
    window.EngagementBridgeConnect = api;
    var container = window.document.getElementById('eb-connect');
    var begin = function (detail) { new ConnectPanel(window, container, detail || {}).start(); };
    // The sidebar may have started while this file was still loading.
    if (container && shared.started) {
      begin(shared.started);
    } else if (container) {
      window.document.addEventListener('eb:started', function (event) { begin(event.detail); }, { once: true });
    }
  }
})();
