/*
 * Engagement Bridge: the Zendesk-side glue of the sidebar.
 *
 * It finds the requester, asks the backend (through Zendesk's secure proxy) for a finished,
 * server-escaped HTML fragment, inserts it, resizes the iframe and follows requester changes.
 * Plain ES2017, no build step. The pure helpers are exported for node tests; the app boots
 * only in a browser page that has loaded the ZAF SDK (window.ZAFClient).
 */
(function () {
  'use strict';

  var MAX_HEIGHT = 1200;
  var MIN_HEIGHT = 48;
  var REQUEST_TIMEOUT_MS = 30000;
  var CHANGE_DEBOUNCE_MS = 150;
  var DEFAULT_LOCALE = 'en';

  // Filled in by Zendesk's secure proxy only; these strings must stay literal in the browser.
  var SECRET_HEADERS = Object.freeze({
    'X-Engagement-Key-Id': '{{setting.engagement_api_key_id}}',
    'X-Engagement-Key-Secret': '{{setting.engagement_api_key_secret}}',
    'Authorization': 'Bearer {{jwt.token}}'
  });
  var JWT_LIFETIME_SECONDS = 300;
  // Admin-only backend check of host, project token and key pair (same body and headers).
  var TEST_CONNECTION_SUFFIX = '/test-connection';

  // Secure parameters never belong in the request body, even if a host were to list them.
  var SECURE_SETTINGS = ['engagement_api_key_id', 'engagement_api_key_secret', 'shared_secret'];

  var LOCATIONS = {
    ticket_sidebar: 'ticket',
    new_ticket_sidebar: 'ticket',
    user_sidebar: 'user'
  };

  var STRINGS = {
    en: {
      loading: 'Loading Engagement profile…',
      refreshing: 'Refreshing…',
      chooseRequester: 'Choose a requester to see their Engagement profile.',
      noIdentifier: 'This requester has no email address or external ID to look up in Engagement.',
      loadFailed: 'We couldn\u2019t load this customer\u2019s Engagement profile. Try again.',
      retry: 'Retry',
      notConfigured: 'Engagement Bridge is not set up yet. Ask an admin to enter the backend URL in the app settings.',
      notInZendesk: 'Open this app from Zendesk to see Engagement profiles.'
    },
    de: {
      loading: 'Engagement-Profil wird geladen…',
      refreshing: 'Wird aktualisiert…',
      chooseRequester: 'Wählen Sie einen Anfragenden aus, um sein Engagement-Profil zu sehen.',
      noIdentifier: 'Für diesen Anfragenden gibt es weder eine E-Mail-Adresse noch eine externe ID, nach der in Engagement gesucht werden kann.',
      loadFailed: 'Das Engagement-Profil dieses Kunden konnte nicht geladen werden. Versuchen Sie es erneut.',
      retry: 'Erneut versuchen',
      notConfigured: 'Engagement Bridge ist noch nicht eingerichtet. Bitten Sie einen Administrator, die Backend-URL in den App-Einstellungen einzutragen.',
      notInZendesk: 'Öffnen Sie diese App in Zendesk, um Engagement-Profile zu sehen.'
    },
    es: {
      loading: 'Cargando el perfil de Engagement…',
      refreshing: 'Actualizando…',
      chooseRequester: 'Elija un solicitante para ver su perfil de Engagement.',
      noIdentifier: 'Este solicitante no tiene una dirección de correo electrónico ni un ID externo para buscar en Engagement.',
      loadFailed: 'No pudimos cargar el perfil de Engagement de este cliente. Inténtelo de nuevo.',
      retry: 'Reintentar',
      notConfigured: 'Engagement Bridge aún no está configurado. Pida a un administrador que introduzca la URL del backend en la configuración de la aplicación.',
      notInZendesk: 'Abra esta aplicación desde Zendesk para ver los perfiles de Engagement.'
    },
    fr: {
      loading: 'Chargement du profil Engagement…',
      refreshing: 'Actualisation…',
      chooseRequester: 'Choisissez un demandeur pour voir son profil Engagement.',
      noIdentifier: 'Ce demandeur n\u2019a ni adresse e-mail ni ID externe à rechercher dans Engagement.',
      loadFailed: 'Impossible de charger le profil Engagement de ce client. Réessayez.',
      retry: 'Réessayer',
      notConfigured: 'Engagement Bridge n\u2019est pas encore configuré. Demandez à un administrateur de saisir l\u2019URL du backend dans les paramètres de l\u2019application.',
      notInZendesk: 'Ouvrez cette application depuis Zendesk pour voir les profils Engagement.'
    },
    'pt-BR': {
      loading: 'Carregando o perfil do Engagement…',
      refreshing: 'Atualizando…',
      chooseRequester: 'Escolha um solicitante para ver o perfil dele no Engagement.',
      noIdentifier: 'Este solicitante não tem endereço de e-mail nem ID externo para pesquisar no Engagement.',
      loadFailed: 'Não foi possível carregar o perfil do Engagement deste cliente. Tente novamente.',
      retry: 'Tentar novamente',
      notConfigured: 'O Engagement Bridge ainda não está configurado. Peça a um administrador para informar a URL do back-end nas configurações do aplicativo.',
      notInZendesk: 'Abra este aplicativo no Zendesk para ver os perfis do Engagement.'
    },
    ja: {
      loading: 'Engagement プロフィールを読み込んでいます…',
      refreshing: '更新しています…',
      chooseRequester: 'リクエスタを選択すると、Engagement プロフィールが表示されます。',
      noIdentifier: 'このリクエスタには、Engagement で検索できるメールアドレスまたは外部 ID がありません。',
      loadFailed: 'この顧客の Engagement プロフィールを読み込めませんでした。もう一度お試しください。',
      retry: '再試行',
      notConfigured: 'Engagement Bridge はまだ設定されていません。管理者にアプリ設定でバックエンド URL を入力するよう依頼してください。',
      notInZendesk: 'Engagement プロフィールを表示するには、Zendesk からこのアプリを開いてください。'
    }
  };

  // ---------------------------------------------------------------- pure helpers

  /** Picks the dictionary for a Zendesk locale: exact locale, then its language, then English. */
  function pickLocale(locale) {
    var available = Object.keys(STRINGS);
    var wanted = typeof locale === 'string' ? locale.trim().replace(/_/g, '-') : '';
    if (!wanted) return DEFAULT_LOCALE;
    var lower = wanted.toLowerCase();
    var exact = available.find(function (l) { return l.toLowerCase() === lower; });
    if (exact) return exact;
    var language = lower.split('-')[0];
    var byLanguage = available.find(function (l) { return l.toLowerCase() === language; });
    if (byLanguage) return byLanguage;
    var sameLanguage = available.find(function (l) { return l.toLowerCase().split('-')[0] === language; });
    return sameLanguage || DEFAULT_LOCALE;
  }

  /** Returns t(key) for the locale; a key missing in that locale falls back to English. */
  function translator(locale) {
    var chosen = STRINGS[pickLocale(locale)];
    var t = function (key) {
      if (Object.prototype.hasOwnProperty.call(chosen, key)) return chosen[key];
      if (Object.prototype.hasOwnProperty.call(STRINGS.en, key)) return STRINGS.en[key];
      return key;
    };
    t.locale = pickLocale(locale);
    return t;
  }

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
    return {
      email: emails.length > 0 ? emails[0] : null,
      emails: emails,
      externalId: cleanText(externalId),
      name: cleanText(user.name)
    };
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

  function clampHeight(pixels) {
    var value = Math.ceil(Number(pixels) || 0);
    return Math.max(MIN_HEIGHT, Math.min(value, MAX_HEIGHT));
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

  // ---------------------------------------------------------------- the browser app

  // The templates never emit SVG or MathML; inside them <animate>/<set> could rewrite an href after stripping.
  var REMOVED_ELEMENTS = 'script, iframe, frame, object, embed, link, meta, style, base, form, noscript, template, svg, math';

  /** Parses and defuses a fragment; returns its root element or null when it is not one. */
  function parseFragment(doc, html) {
    var parsed = new doc.defaultView.DOMParser().parseFromString(html, 'text/html');
    var body = parsed.body;
    var strayText = Array.prototype.some.call(body.childNodes, function (node) {
      return node.nodeType === 3 && node.textContent.trim() !== '';
    });
    if (strayText || body.children.length !== 1) return null;
    var section = body.firstElementChild;
    if (!section.classList.contains('eb-sidebar')) return null;

    Array.prototype.forEach.call(section.querySelectorAll(REMOVED_ELEMENTS), function (el) { el.remove(); });
    var all = [section].concat(Array.prototype.slice.call(section.querySelectorAll('*')));
    all.forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attribute) {
        var name = attribute.name.toLowerCase();
        var value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (name.indexOf('on') === 0 || name === 'style' || name === 'srcdoc' ||
            ((name === 'href' || name === 'src' || name === 'action' || name === 'formaction' || name === 'xlink:href') &&
             /^(javascript|vbscript|data:text)/.test(value))) {
          el.removeAttribute(attribute.name);
        }
      });
      if (el.tagName === 'A' && el.hasAttribute('href')) {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer');
      }
    });
    return doc.importNode(section, true);
  }

  function SidebarApp(client, win) {
    this.client = client;
    this.win = win;
    this.doc = win.document;
    this.root = this.doc.getElementById('eb-root');
    this.t = translator(DEFAULT_LOCALE);
    this.seq = 0;
    this.location = null;
    this.settings = {};
    this.currentUser = null;
    this.lastRequesterKey = null;
    this.changeTimer = null;
    this.lastHeight = null;
    this.resizeFrame = null;
  }

  SidebarApp.prototype.start = function () {
    var self = this;
    self.root.addEventListener('click', function (event) { self.onClick(event); });
    if (typeof self.win.ResizeObserver === 'function') {
      new self.win.ResizeObserver(function () { self.scheduleResize(false); }).observe(self.root);
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

    if (opts.soft) self.showRefreshing(); else self.showLoading();

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
        }, function (failure) {
          if (stale()) return;
          var html = fragmentFromFailure(failure);
          if (!html || !self.renderFragment(html)) self.showNotice('error', self.t('loadFailed'), true);
        });
    }).catch(function () {
      if (!stale()) self.showNotice('error', self.t('loadFailed'), true);
    });
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

  SidebarApp.prototype.status = function () {
    return this.root.getAttribute('data-eb-status');
  };

  SidebarApp.prototype.setStatus = function (status) {
    this.root.setAttribute('data-eb-status', status);
    this.root.setAttribute('aria-busy', status === 'loading' || status === 'refreshing' ? 'true' : 'false');
  };

  SidebarApp.prototype.replaceContent = function (node, status) {
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
    this.root.appendChild(node);
    this.setStatus(status);
    this.scheduleResize(true);
  };

  SidebarApp.prototype.el = function (tag, className, text) {
    var node = this.doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  SidebarApp.prototype.showLoading = function () {
    var box = this.el('div', 'eb-loading');
    box.setAttribute('role', 'status');
    var spinner = this.el('span', 'eb-spinner');
    spinner.setAttribute('aria-hidden', 'true');
    box.appendChild(spinner);
    box.appendChild(this.el('span', 'eb-loading-text', this.t('loading')));
    var skeleton = this.el('span', 'eb-skeleton');
    skeleton.setAttribute('aria-hidden', 'true');
    ['eb-skeleton-line', 'eb-skeleton-line', 'eb-skeleton-line eb-skeleton-short'].forEach(function (cls) {
      skeleton.appendChild(this.el('span', cls));
    }, this);
    box.appendChild(skeleton);
    this.replaceContent(box, 'loading');
  };

  /** Keeps the current profile on screen, dimmed, while a refresh is in flight. */
  SidebarApp.prototype.showRefreshing = function () {
    var section = this.root.querySelector('.eb-sidebar');
    if (!section) { this.showLoading(); return; }
    section.classList.add('eb-is-refreshing');
    Array.prototype.forEach.call(this.root.querySelectorAll('[data-eb-action]'), function (button) {
      button.setAttribute('disabled', 'disabled');
    });
    this.root.setAttribute('aria-label', this.t('refreshing'));
    this.setStatus('refreshing');
  };

  SidebarApp.prototype.renderFragment = function (html) {
    var section;
    try {
      section = parseFragment(this.doc, html);
    } catch (e) {
      section = null;
    }
    if (!section) return false;
    this.root.removeAttribute('aria-label');
    this.replaceContent(section, 'ready');
    var actions = this.win.EngagementBridgeActions;
    if (actions) actions.prepare(section, this.client, this.location).catch(function () {});
    return true;
  };

  /** A message rendered by the front end itself, shaped like the backend's message fragments. */
  SidebarApp.prototype.showNotice = function (state, text, withRetry) {
    var section = this.el('section', 'eb-sidebar eb-local');
    section.setAttribute('data-state', state);
    var title = cleanText(this.settings && this.settings.title);
    if (title) {
      var header = this.el('header', 'eb-header');
      header.appendChild(this.el('p', 'eb-title', title));
      section.appendChild(header);
    }
    var message = this.el('div', 'eb-message');
    message.appendChild(this.el('p', 'eb-message-body', text));
    if (withRetry) {
      var button = this.el('button', 'eb-button', this.t('retry'));
      button.setAttribute('type', 'button');
      button.setAttribute('data-eb-action', 'retry');
      message.appendChild(button);
    }
    section.appendChild(message);
    this.root.removeAttribute('aria-label');
    this.replaceContent(section, state === 'error' ? 'error' : 'notice');
  };

  /** Resizes after layout; force=true after each render, otherwise only when the height changed. */
  SidebarApp.prototype.scheduleResize = function (force) {
    var self = this;
    self.forceResize = self.forceResize || force;
    if (self.resizeFrame !== null) return;
    var raf = self.win.requestAnimationFrame ? self.win.requestAnimationFrame.bind(self.win)
      : function (fn) { return self.win.setTimeout(fn, 16); };
    self.resizeFrame = raf(function () {
      self.resizeFrame = null;
      var forced = self.forceResize;
      self.forceResize = false;
      var measured = self.root.getBoundingClientRect().height;
      if (!measured) return; // hidden: measure again when shown
      var height = clampHeight(measured);
      if (!forced && height === self.lastHeight) return;
      self.lastHeight = height;
      var pending = self.client.invoke('resize', { width: '100%', height: height + 'px' });
      if (pending && typeof pending.catch === 'function') pending.catch(function () {});
    });
  };

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
    STRINGS: STRINGS,
    MAX_HEIGHT: MAX_HEIGHT,
    pickLocale: pickLocale,
    translator: translator,
    buildRequesterPayload: buildRequesterPayload,
    hasIdentifier: hasIdentifier,
    requesterKey: requesterKey,
    sidebarUrl: sidebarUrl,
    publicSettings: publicSettings,
    buildAgent: buildAgent,
    buildRequestBody: buildRequestBody,
    buildRequestOptions: buildRequestOptions,
    extractSidebarFragment: extractSidebarFragment,
    fragmentFromFailure: fragmentFromFailure,
    clampHeight: clampHeight,
    withTimeout: withTimeout
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else if (typeof window !== 'undefined' && window.document) {
    boot(window);
  }
})();
