/*
 * Zendesk host simulator: plays Zendesk's side of the ZAF SDK postMessage protocol for the real
 * assets/iframe.html, inside a page that looks like an agent's ticket view.
 *
 * The protocol code is a set of small pure functions (exported for node tests); the page code
 * below them only wires those functions to the DOM, to fetch and to postMessage.
 */
(function () {
  'use strict';

  var TICKET_LOCATIONS = ['ticket_sidebar', 'new_ticket_sidebar'];
  var PRIORITIES = ['urgent', 'high', 'normal', 'low'];
  var CUSTOM_FIELD = /^customField:custom_field_(\d+)$/;
  var LOG_LIMIT = 60;

  // ================================================================ pure protocol helpers

  /** postMessage data arrives as a JSON string (SDK messages) or an object (save-hook replies). */
  function parseMessage(data) {
    if (typeof data === 'string') {
      try {
        var parsed = JSON.parse(data);
        return parsed && typeof parsed === 'object' ? parsed : null;
      } catch (e) {
        return null;
      }
    }
    return data && typeof data === 'object' ? data : null;
  }

  /** A requester from /simulator/api/state in the shape ZAF's user object has. */
  function zafUser(person) {
    if (!person) return null;
    return {
      id: person.id,
      name: person.name,
      email: person.email,
      externalId: person.externalId === undefined ? null : person.externalId,
      identities: Array.isArray(person.identities) ? person.identities.map(function (identity) {
        return { type: identity.type, value: identity.value, primary: identity.primary === true };
      }) : []
    };
  }

  /** The ticket object ZAF returns for "ticket"; a new ticket has no id and maybe no requester. */
  function zafTicket(world) {
    var ticket = world.ticket;
    if (!ticket) {
      return {
        id: null,
        subject: '',
        status: 'new',
        priority: null,
        description: '',
        createdAt: null,
        requester: zafUser(world.requester)
      };
    }
    return {
      id: ticket.id,
      subject: ticket.subject,
      status: ticket.status,
      priority: ticket.priority,
      tags: Array.isArray(ticket.tags) ? ticket.tags.slice() : [],
      description: ticket.description,
      createdAt: ticket.createdAt,
      requester: zafUser(world.requester !== undefined ? world.requester : ticket.requester)
    };
  }

  /** The roots a location can read; anything else is an unknown path there. */
  function dataRoots(world) {
    var roots = {
      currentUser: world.currentUser || null,
      currentAccount: world.account || null
    };
    if (TICKET_LOCATIONS.indexOf(world.location) !== -1) roots.ticket = zafTicket(world);
    if (world.location === 'user_sidebar') roots.user = zafUser(world.user);
    return roots;
  }

  /** Resolves one get() path: {ok: true, value} or {ok: false, message}. */
  function lookupPath(world, path) {
    var unknown = { ok: false, message: '"' + path + '" is not a valid path in ' + (world.location || 'this location') };
    if (typeof path !== 'string' || path === '') return unknown;
    var segments = path.split('.');
    var roots = dataRoots(world);
    if (!Object.prototype.hasOwnProperty.call(roots, segments[0])) return unknown;
    var value = roots[segments[0]];
    var field = segments[0] === 'ticket' && segments.length === 2 ? CUSTOM_FIELD.exec(segments[1]) : null;
    if (field) return world.ticket ? { ok: true, value: customFieldValue(world.ticket, field[1]) } : unknown;
    for (var i = 1; i < segments.length; i++) {
      if (value === null || value === undefined) return { ok: true, value: null };
      if (typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, segments[i])) return unknown;
      value = value[segments[i]];
    }
    return { ok: true, value: value === undefined ? null : value };
  }

  /** get(paths) -> {id, result: {<path>: value, ..., errors: {<path>: {message}}}}. */
  function answerGet(message, world) {
    var result = { errors: {} };
    var paths = Array.isArray(message.params) ? message.params : [message.params];
    paths.forEach(function (path) {
      var found = lookupPath(world, path);
      if (found.ok) result[path] = found.value;
      else result.errors[path] = { message: found.message };
    });
    return { id: message.id, result: result };
  }

  function customFieldValue(ticket, id) {
    var fields = ticket.customFields || {};
    return Object.prototype.hasOwnProperty.call(fields, id) ? fields[id] : null;
  }

  /** Applies one set() key to the open ticket; returns an error message, or null when it took effect. */
  function setTicketValue(world, key, value) {
    var ticket = world.ticket;
    if (key === 'ticket.priority') {
      if (!ticket) return 'this location has no saved ticket to set';
      if (PRIORITIES.indexOf(value) === -1) return '"' + value + '" is not a priority; use ' + PRIORITIES.join(', ');
      ticket.priority = value;
      return null;
    }
    var field = key.indexOf('ticket.') === 0 ? CUSTOM_FIELD.exec(key.slice('ticket.'.length)) : null;
    if (field) {
      if (!ticket) return 'this location has no saved ticket to set';
      ticket.customFields = Object.assign({}, ticket.customFields);
      ticket.customFields[field[1]] = value;
    }
    return null;
  }

  /** set -> the ticket's priority and custom fields change (other keys are only echoed); answers what was set. */
  function answerSet(message, world) {
    var result = { errors: {} };
    var params = message.params && typeof message.params === 'object' ? message.params : {};
    Object.keys(params).forEach(function (key) {
      var error = world ? setTicketValue(world, key, params[key]) : null;
      if (error) result.errors[key] = { message: error };
      else result[key] = params[key];
    });
    return { id: message.id, result: result };
  }

  var SUPPORTED_INVOKES = ['resize', 'track'];
  var TAG_INVOKES = ['ticket.tags.add', 'ticket.tags.remove'];

  /** The tags of invoke('ticket.tags.add', 'a') or invoke('ticket.tags.add', ['a', 'b']). */
  function tagArguments(args) {
    var flat = [].concat.apply([], Array.isArray(args) ? args : [args]);
    return flat.filter(function (tag) { return typeof tag === 'string' && tag.trim() !== ''; })
      .map(function (tag) { return tag.trim().toLowerCase(); });
  }

  function changeTags(ticket, name, tags) {
    var current = Array.isArray(ticket.tags) ? ticket.tags.slice() : [];
    if (name === 'ticket.tags.add') {
      tags.forEach(function (tag) { if (current.indexOf(tag) === -1) current.push(tag); });
    } else {
      current = current.filter(function (tag) { return tags.indexOf(tag) === -1; });
    }
    ticket.tags = current;
  }

  /** invoke -> ok for resize (and the SDK's own tracking) and ticket tag changes, an error for anything else. */
  function answerInvoke(message, world) {
    var result = { errors: {} };
    var params = message.params && typeof message.params === 'object' ? message.params : {};
    Object.keys(params).forEach(function (name) {
      if (SUPPORTED_INVOKES.indexOf(name) !== -1) {
        result[name] = null;
      } else if (TAG_INVOKES.indexOf(name) !== -1 && world && world.ticket) {
        changeTags(world.ticket, name, tagArguments(params[name]));
        result[name] = null;
      } else {
        result.errors[name] = { message: '"' + name + '" is not supported by the host simulator' + (TAG_INVOKES.indexOf(name) !== -1 ? ' without a saved ticket' : '') };
      }
    });
    return { id: message.id, result: result };
  }

  /** The {width, height} of an invoke('resize', {...}) message, or null. */
  function resizeRequest(message) {
    var args = message.params && message.params.resize;
    var size = Array.isArray(args) ? args[0] : null;
    if (!size || typeof size !== 'object') return null;
    return {
      width: typeof size.width === 'string' || typeof size.width === 'number' ? String(size.width) : null,
      height: typeof size.height === 'string' || typeof size.height === 'number' ? String(size.height) : null
    };
  }

  function isJsonContentType(contentType) {
    return typeof contentType === 'string' && /(^|[/+])json\b/i.test(contentType.split(';')[0].trim());
  }

  /**
   * Maps the answer of POST /simulator/proxy to the SDK's reply for event "request:K":
   *   2xx  -> {key: "zaf.request:K.done", message: {responseArgs: [data, "success", {status, responseText}]}}
   *   else -> {key: "zaf.request:K.fail", message: {responseArgs: [{status, statusText, responseText}]}}
   * data is the body, JSON-parsed when the response is JSON and the app did not ask for text.
   */
  function proxyReply(requestKey, proxyResult, requestOptions) {
    var answer = proxyResult || {};
    var status = typeof answer.status === 'number' ? answer.status : 0;
    var body = typeof answer.body === 'string' ? answer.body : '';
    if (status >= 200 && status < 300) {
      var data = body;
      var wantsText = requestOptions && requestOptions.dataType === 'text';
      if (isJsonContentType(answer.contentType) && !wantsText) {
        try {
          data = JSON.parse(body);
        } catch (e) {
          data = body;
        }
      }
      return {
        key: 'zaf.' + requestKey + '.done',
        message: { responseArgs: [data, 'success', { status: status, responseText: body }] }
      };
    }
    return {
      key: 'zaf.' + requestKey + '.fail',
      message: { responseArgs: [{ status: status, statusText: answer.statusText || 'error', responseText: body }] }
    };
  }

  /** The reply when the simulator's own proxy endpoint cannot be reached at all. */
  function transportFailure(requestKey) {
    return proxyReply(requestKey, { status: 0, statusText: 'error', body: '' });
  }

  /** The metadata ZAF hands the app at registration. */
  function buildMetadata(installation) {
    var source = installation || {};
    return {
      appId: source.appId,
      installationId: source.installationId,
      name: source.name,
      version: source.version,
      settings: Object.assign({}, source.settings || {})
    };
  }

  /** The context ZAF hands the app at registration. */
  function buildContext(world, guid) {
    var context = {
      product: 'support',
      location: world.location,
      instanceGuid: guid,
      account: { subdomain: world.account && world.account.subdomain }
    };
    if (world.location === 'ticket_sidebar' && world.ticket) context.ticketId = world.ticket.id;
    if (world.location === 'user_sidebar' && world.user) context.userId = world.user.id;
    return context;
  }

  /** {key: "zaf.app.registered", message: {metadata, context}}: the answer to iframe.handshake. */
  function registrationMessage(world, guid) {
    return {
      key: 'zaf.app.registered',
      message: { metadata: buildMetadata(world.installation), context: buildContext(world, guid) }
    };
  }

  /** The events a requester change sends to a ticket or new-ticket app instance. */
  function requesterChangeEvents(requester) {
    var email = requester ? requester.email : null;
    var id = requester ? requester.id : null;
    return [
      { key: 'zaf.ticket.requester.email.changed', message: email },
      { key: 'zaf.ticket.requester.id.changed', message: id }
    ];
  }

  /** What a ticket app hears after the agent saved its ticket with a new status: the status change, then the save. */
  function ticketSavedEvents(status) {
    return [
      { key: 'zaf.ticket.status.changed', message: status },
      { key: 'zaf.ticket.submit.done', message: null }
    ];
  }

  /** The demo agent, as the page address asks: ?locale=de-DE&timezone=Europe/Berlin&role=agent overrides the defaults. */
  function agentFromQuery(currentUser, search) {
    var params = new URLSearchParams(search || '');
    var agent = Object.assign({}, currentUser);
    if (params.get('locale')) agent.locale = params.get('locale');
    if (params.get('role') === 'agent' || params.get('role') === 'admin') agent.role = params.get('role');
    if (params.get('timezone')) agent.timeZone = Object.assign({}, agent.timeZone, { ianaName: params.get('timezone') });
    return agent;
  }

  /** The app iframe URL, as Zendesk builds it from the location's page in the manifest (the sidebar's by default). */
  function appFrameSrc(origin, guid, page) {
    return '/app/' + (page || 'assets/iframe.html') + '?origin=' + encodeURIComponent(origin) + '&app_guid=' + encodeURIComponent(guid);
  }

  var REQUEST_EVENT = /^request:\d+$/;

  /**
   * The message router: what the host does with one message from the app.
   * Returns {kind, reply?, resize?, subscription?, request?}; the page carries it out.
   */
  function routeMessage(message, world, guid) {
    if (!message || typeof message !== 'object') return { kind: 'ignored' };
    if (message.request === 'get') return { kind: 'get', reply: answerGet(message, world) };
    if (message.request === 'set') return { kind: 'set', reply: answerSet(message, world) };
    if (message.request === 'invoke') {
      return { kind: 'invoke', reply: answerInvoke(message, world), resize: resizeRequest(message) };
    }
    var key = typeof message.key === 'string' ? message.key : '';
    if (key === 'iframe.handshake') return { kind: 'handshake', reply: registrationMessage(world, guid) };
    if (key.indexOf('iframe.on:') === 0 || key.indexOf('iframe.off:') === 0) {
      var on = key.indexOf('iframe.on:') === 0;
      var count = message.message && typeof message.message.subscriberCount === 'number'
        ? message.message.subscriberCount : (on ? 1 : 0);
      return {
        kind: on ? 'subscribe' : 'unsubscribe',
        subscription: { event: key.slice(on ? 'iframe.on:'.length : 'iframe.off:'.length), count: count }
      };
    }
    if (REQUEST_EVENT.test(key)) return { kind: 'request', request: { key: key, options: message.message || {} } };
    return { kind: 'ignored' };
  }

  // ================================================================ the page

  function Simulator(win) {
    this.win = win;
    this.doc = win.document;
    this.state = null;
    this.instance = null; // {guid, frame, world, subscriptions}
    this.view = null;
    this.requesterOptions = [];
  }

  Simulator.prototype.$ = function (id) {
    return this.doc.getElementById(id);
  };

  Simulator.prototype.el = function (tag, attrs, children) {
    var node = this.doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else if (name === 'className') node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === 'string' ? this.doc.createTextNode(child) : child);
      }
    }, this);
    return node;
  };

  Simulator.prototype.start = function () {
    var self = this;
    self.win.addEventListener('message', function (event) { self.onMessage(event); });
    self.$('ticket-list').addEventListener('click', function (event) {
      var item = event.target.closest('li[data-ticket-id]');
      if (item) self.openTicket(Number(item.getAttribute('data-ticket-id')));
    });
    self.$('new-ticket').addEventListener('click', function () { self.openNewTicket(); });
    self.$('refresh-queue').addEventListener('click', function () { self.refreshQueue(); });
    self.$('tickets-arrive').addEventListener('click', function () { self.ticketsArrive(); });
    self.$('cdp-sync').addEventListener('click', function () { self.cdpSync(); });
    self.$('nav-app').addEventListener('click', function () { self.openNavApp(); });
    self.$('nav-tickets').addEventListener('click', function () { self.closeNavApp(); });
    self.$('ticket-view').addEventListener('click', function (event) {
      var link = event.target.closest('[data-action]');
      if (!link) return;
      event.preventDefault();
      var action = link.getAttribute('data-action');
      if (action === 'view-requester') self.openUser(self.view.requester, self.view.ticket);
      if (action === 'back-to-ticket' && self.view.ticket) self.openTicket(self.view.ticket.id);
      if (action === 'solve' && self.view.ticket) self.solveTicket(self.view.ticket);
    });
    return self.fetchState().then(function (state) {
      state.currentUser = agentFromQuery(state.currentUser, self.win.location.search);
      self.state = state;
      self.renderChrome();
      self.renderTicketList();
      if (state.tickets && state.tickets.length > 0) self.openTicket(state.tickets[0].id);
      else self.openNewTicket();
    }).catch(function (error) {
      self.renderFatal('The simulator could not load its state: ' + (error && error.message ? error.message : error));
    });
  };

  Simulator.prototype.fetchState = function () {
    return this.win.fetch('/simulator/api/state', { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  };

  Simulator.prototype.refreshCounter = function () {
    var self = this;
    return self.fetchState().then(function (state) {
      self.state.engagementCalls = state.engagementCalls;
      self.renderCounter();
    }, function () { /* keep the last known count */ });
  };

  /**
   * Reloads the ticket list from the server (which reads Zendesk's tickets); the open view stays as it is,
   * and a ticket shows its new data when the agent opens it again.
   */
  Simulator.prototype.refreshQueue = function () {
    var self = this;
    var button = self.$('refresh-queue');
    if (!self.state) return Promise.resolve();
    button.disabled = true;
    return self.fetchState().then(function (state) {
      self.state.tickets = state.tickets || [];
      self.state.engagementCalls = state.engagementCalls;
      self.renderTicketList();
      self.renderCounter();
      var view = self.view || {};
      self.markActiveTicket(view.kind === 'ticket' && view.ticket ? view.ticket.id : view.kind === 'new-ticket' ? 'new' : null);
      self.log('queue', self.state.tickets.length + ' tickets');
    }, function () { /* keep the last known queue */ }).then(function () {
      button.disabled = false;
    });
  };

  /**
   * "100 tickets arrive": the server creates them in the Zendesk API simulator; the queue is read again every
   * second for a minute, so the agent watches triggers and the bridge order it by customer value.
   */
  Simulator.prototype.ticketsArrive = function () {
    return this.serverAction('tickets-arrive', '/simulator/api/arrivals');
  };

  /**
   * "Import + stream": the server plays a CDP sending an audience import and a burst of messages to the bridge; the
   * status line then follows the outcomes (rows written and failed, messages written and rejected) until all are in.
   */
  Simulator.prototype.cdpSync = function () {
    return this.serverAction('cdp-sync', '/simulator/api/cdp-sync', '/simulator/api/cdp-sync');
  };

  /**
   * A workspace button whose work the server does: its answer shown beside the buttons, the queue read again every second
   * for a minute; given a progress path, the status line then shows what that answers until it is done (at most five minutes).
   */
  Simulator.prototype.serverAction = function (buttonId, path, progressPath) {
    var self = this;
    var button = self.$(buttonId);
    var status = self.$('arrivals-status');
    button.disabled = true;
    return self.win.fetch(path, { method: 'POST', headers: { Accept: 'application/json' } }).then(function (response) {
      return response.json().then(function (body) {
        status.textContent = body && typeof body.message === 'string' ? body.message : '';
        status.setAttribute('data-status', String(response.status));
        if (!response.ok) return null;
        var rounds = 0;
        var following = Boolean(progressPath);
        return new Promise(function (resolve) {
          var timer = self.win.setInterval(function () {
            rounds += 1;
            self.refreshQueue();
            if (following) {
              self.win.fetch(progressPath, { headers: { Accept: 'application/json' } }).then(function (progress) {
                return progress.json().then(function (body) {
                  if (!following || !body || typeof body.message !== 'string') return;
                  status.textContent = body.message;
                  status.setAttribute('data-status', String(progress.status));
                  if (progress.status !== 202) following = false;
                });
              }).catch(function () { /* keep the last line */ });
            }
            if (rounds >= 60 && (!following || rounds >= 300)) {
              self.win.clearInterval(timer);
              resolve();
            }
          }, 1000);
        });
      });
    }, function () {
      status.textContent = 'The workspace server did not answer.';
    }).then(function () {
      button.disabled = false;
    });
  };

  /** The tier a ticket carries, from its tier tag (cdp_tier_<rank>_<name>), as agents read it. */
  function tierLabel(tags) {
    var tag = (tags || []).filter(function (t) { return /^cdp_tier_\d+_/.test(t); }).sort()[0];
    if (!tag) return '';
    var name = tag.replace(/^cdp_tier_\d+_/, '').replace(/_/g, ' ');
    return name === 'vip' ? 'VIP' : name.charAt(0).toUpperCase() + name.slice(1);
  }

  Simulator.prototype.renderCounter = function () {
    var calls = this.state && typeof this.state.engagementCalls === 'number' ? this.state.engagementCalls : 0;
    var counter = this.$('engagement-calls');
    counter.textContent = 'Engagement calls: ' + calls;
    counter.setAttribute('data-count', String(calls));
  };

  Simulator.prototype.renderChrome = function () {
    var user = this.state.currentUser || {};
    var account = this.state.account || {};
    var zone = user.timeZone && user.timeZone.ianaName;
    this.$('agent-name').textContent = [user.name || 'Agent', user.role || 'agent', user.locale, zone].filter(Boolean).join(' · ');
    this.$('account-name').textContent = (account.subdomain || 'account') + '.zendesk.com (simulated)';
    this.renderCounter();
  };

  Simulator.prototype.requesters = function () {
    var seen = {};
    return (this.state.tickets || []).map(function (ticket) { return ticket.requester; }).filter(function (person) {
      if (!person || seen[person.id]) return false;
      seen[person.id] = true;
      return true;
    });
  };

  Simulator.prototype.renderTicketList = function () {
    var list = this.$('ticket-list');
    while (list.firstChild) list.removeChild(list.firstChild);
    (this.state.tickets || []).forEach(function (ticket) {
      var requesterName = ticket.requester ? ticket.requester.name : '';
      list.appendChild(this.el('li', { 'data-ticket-id': String(ticket.id), className: 'sim-ticket-item' }, [
        this.el('button', { type: 'button', className: 'sim-ticket-button' }, [
          this.el('span', { className: 'sim-status sim-status-' + ticket.status, text: ticket.status }),
          this.el('span', { className: 'sim-ticket-item-text' }, [
            this.el('span', { className: 'sim-ticket-item-subject', text: ticket.subject }),
            this.el('span', { className: 'sim-ticket-item-requester', text: requesterName + ' · #' + ticket.id }),
            this.el('span', { className: 'sim-ticket-item-value' }, [
              this.el('span', { className: 'sim-priority sim-priority-' + (ticket.priority || 'none'), 'data-priority': ticket.priority || '',
                text: ticket.priority || 'no priority' }),
              this.el('span', { className: 'sim-tier', 'data-tier': tierLabel(ticket.tags), text: tierLabel(ticket.tags) })
            ])
          ])
        ])
      ]));
    }, this);
  };

  /** The app's nav_bar location: its page fills the work area, as in Zendesk. */
  Simulator.prototype.openNavApp = function () {
    this.markActiveTicket(null);
    this.setView({ kind: 'nav-app', ticket: null, requester: null }, [this.el('div', { id: 'nav-app-container', className: 'sim-nav-app' })]);
    this.mountApp({ location: 'nav_bar' });
  };

  Simulator.prototype.closeNavApp = function () {
    var tickets = this.state.tickets || [];
    if (tickets.length > 0) this.openTicket(tickets[0].id);
    else this.openNewTicket();
  };

  Simulator.prototype.markActiveTicket = function (ticketId) {
    Array.prototype.forEach.call(this.$('ticket-list').querySelectorAll('li[data-ticket-id]'), function (item) {
      var active = Number(item.getAttribute('data-ticket-id')) === ticketId;
      item.classList.toggle('is-active', active);
      if (active) item.setAttribute('aria-current', 'true');
      else item.removeAttribute('aria-current');
    });
    this.$('new-ticket').classList.toggle('is-active', ticketId === 'new');
  };

  Simulator.prototype.setView = function (view, children) {
    var navApp = view.kind === 'nav-app';
    this.win.document.querySelector('.sim-workspace').classList.toggle('is-nav-app', navApp);
    this.$('nav-app').classList.toggle('is-active', navApp);
    this.$('nav-tickets').classList.toggle('is-active', !navApp);
    var main = this.$('ticket-view');
    while (main.firstChild) main.removeChild(main.firstChild);
    children.forEach(function (child) { main.appendChild(child); });
    main.setAttribute('data-view', view.kind);
    this.view = view;
  };

  Simulator.prototype.openTicket = function (ticketId) {
    var ticket = (this.state.tickets || []).find(function (t) { return t.id === ticketId; });
    if (!ticket) return;
    var requester = ticket.requester || null;
    this.markActiveTicket(ticket.id);
    this.setView({ kind: 'ticket', ticket: ticket, requester: requester }, [
      this.el('article', { className: 'sim-ticket', 'data-ticket-id': String(ticket.id) }, [
        this.el('h1', { className: 'sim-ticket-subject', text: ticket.subject }),
        this.el('div', { className: 'sim-ticket-meta' }, [
          this.el('span', { className: 'sim-status sim-status-' + ticket.status, text: ticket.status }),
          this.el('span', { text: 'Ticket #' + ticket.id }),
          ticket.createdAt ? this.el('span', { text: 'Created ' + ticket.createdAt }) : null
        ]),
        this.el('div', { id: 'ticket-state', className: 'sim-ticket-meta' }),
        this.requesterLine(requester),
        this.el('div', { className: 'sim-conversation' }, [
          this.el('div', { className: 'sim-comment' }, [
            this.el('div', { className: 'sim-comment-author', text: requester ? requester.name : 'Unknown requester' }),
            this.el('p', { className: 'sim-comment-body', text: ticket.description || '' })
          ])
        ]),
        this.el('div', { className: 'sim-reply' }, [
          this.el('textarea', { className: 'sim-reply-box', placeholder: 'Public reply (not sent in the simulator)', rows: '3', 'aria-label': 'Public reply' }),
          this.el('div', { className: 'sim-reply-actions' }, [
            this.el('button', { type: 'button', id: 'solve-ticket', className: 'sim-submit', 'data-action': 'solve',
              title: 'Save the ticket as solved in the Zendesk API simulator, whose triggers then run', text: 'Submit as Solved' }),
            this.el('span', { id: 'solve-status', className: 'sim-arrivals', role: 'status' })
          ])
        ])
      ])
    ]);
    this.$('solve-ticket').disabled = ticket.status === 'solved' || ticket.status === 'closed';
    this.renderTicketState(ticket);
    this.mountApp({ location: 'ticket_sidebar', ticket: ticket });
  };

  /**
   * "Submit as Solved": the server saves the ticket through the Zendesk API simulator, where its triggers run (the
   * bridge's "ticket solved" one sends its webhook). Then, as in Zendesk, the open ticket shows its new status and
   * the app hears the status change and the save.
   */
  Simulator.prototype.solveTicket = function (ticket) {
    var self = this;
    var instance = self.instance;
    var button = self.$('solve-ticket');
    var status = self.$('solve-status');
    button.disabled = true;
    return self.win.fetch('/simulator/api/tickets/' + encodeURIComponent(ticket.id) + '/solve', {
      method: 'POST', headers: { Accept: 'application/json' }
    }).then(function (response) {
      return response.json().then(function (body) {
        status.textContent = body && typeof body.message === 'string' ? body.message : '';
        status.setAttribute('data-status', String(response.status));
        if (!response.ok) {
          button.disabled = false;
          return null;
        }
        ticket.status = 'solved';
        var badge = self.doc.querySelector('.sim-ticket[data-ticket-id="' + ticket.id + '"] .sim-status');
        if (badge) {
          badge.textContent = 'solved';
          badge.className = 'sim-status sim-status-solved';
        }
        if (self.instance === instance) {
          ticketSavedEvents('solved').forEach(function (event) { self.send(instance, event); });
        }
        return self.refreshQueue();
      });
    }, function () {
      status.textContent = 'The workspace server did not answer.';
      button.disabled = false;
    });
  };

  /** The fields an app can change (priority, tags, custom fields), as data attributes tests can read. */
  Simulator.prototype.renderTicketState = function (ticket) {
    var box = this.$('ticket-state');
    if (!box || !ticket) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    var tags = Array.isArray(ticket.tags) ? ticket.tags : [];
    var fields = ticket.customFields || {};
    box.appendChild(this.el('span', { id: 'ticket-priority', 'data-priority': ticket.priority || '', text: 'Priority: ' + (ticket.priority || 'none') }));
    box.appendChild(this.el('span', { id: 'ticket-tags', 'data-tags': tags.join(' '), text: 'Tags: ' + (tags.join(', ') || 'none') }));
    Object.keys(fields).forEach(function (id) {
      box.appendChild(this.el('span', { className: 'sim-custom-field', 'data-field-id': id, 'data-value': String(fields[id]),
        text: 'Field ' + id + ': ' + fields[id] }));
    }, this);
  };

  Simulator.prototype.requesterLine = function (requester) {
    if (!requester) return this.el('p', { className: 'sim-requester', text: 'No requester' });
    return this.el('p', { className: 'sim-requester' }, [
      'Requester: ',
      this.el('strong', { text: requester.name || '' }),
      ' <' + (requester.email || 'no email') + '> ',
      this.el('a', { href: '#', id: 'view-requester', className: 'sim-link', 'data-action': 'view-requester', text: 'View requester profile' })
    ]);
  };

  Simulator.prototype.openNewTicket = function () {
    var self = this;
    var requesters = self.requesters();
    var select = self.el('select', { id: 'requester-select', className: 'sim-select' }, [
      self.el('option', { value: '', text: '— Choose a requester —' })
    ].concat(requesters.map(function (person) {
      return self.el('option', { value: String(person.id), text: person.name + ' <' + person.email + '>' });
    })));
    select.addEventListener('change', function () {
      var chosen = requesters.find(function (person) { return String(person.id) === select.value; }) || null;
      self.changeRequester(chosen);
    });
    self.markActiveTicket('new');
    self.setView({ kind: 'new-ticket', ticket: null, requester: null }, [
      self.el('article', { className: 'sim-ticket sim-new-ticket' }, [
        self.el('h1', { className: 'sim-ticket-subject', text: 'New ticket' }),
        self.el('label', { className: 'sim-field', for: 'requester-select' }, ['Requester']),
        select,
        self.el('label', { className: 'sim-field', for: 'new-subject' }, ['Subject']),
        self.el('input', { id: 'new-subject', className: 'sim-input', type: 'text', placeholder: 'Subject' }),
        self.el('label', { className: 'sim-field', for: 'new-description' }, ['Description']),
        self.el('textarea', { id: 'new-description', className: 'sim-reply-box', rows: '4' })
      ])
    ]);
    self.mountApp({ location: 'new_ticket_sidebar', ticket: null, requester: null });
  };

  /** The new-ticket requester picker: update what get() returns, then tell the app. */
  Simulator.prototype.changeRequester = function (person) {
    if (!this.instance || TICKET_LOCATIONS.indexOf(this.instance.world.location) === -1) return;
    this.instance.world.requester = person;
    this.view.requester = person;
    requesterChangeEvents(person).forEach(function (event) {
      this.send(this.instance, event);
    }, this);
  };

  Simulator.prototype.openUser = function (person, fromTicket) {
    if (!person) return;
    var identities = Array.isArray(person.identities) ? person.identities : [];
    this.markActiveTicket(null);
    this.setView({ kind: 'user', ticket: fromTicket || null, requester: person }, [
      this.el('article', { className: 'sim-ticket sim-user', 'data-user-id': String(person.id) }, [
        fromTicket ? this.el('a', { href: '#', className: 'sim-link', 'data-action': 'back-to-ticket', text: '← Back to ticket #' + fromTicket.id }) : null,
        this.el('h1', { className: 'sim-ticket-subject', text: person.name || 'User' }),
        this.el('dl', { className: 'sim-user-fields' }, [
          this.el('dt', { text: 'Email' }), this.el('dd', { text: person.email || '—' }),
          this.el('dt', { text: 'External ID' }), this.el('dd', { text: person.externalId || '—' }),
          this.el('dt', { text: 'Identities' }),
          this.el('dd', {}, [this.el('ul', { className: 'sim-identities' }, identities.map(function (identity) {
            return this.el('li', { text: identity.value + (identity.primary ? ' (primary)' : '') });
          }, this))])
        ].concat(this.userFieldRows(person)))
      ])
    ]);
    this.mountApp({ location: 'user_sidebar', user: person });
  };

  /** The user's field values (what a sync wrote to Zendesk) and tags, as Zendesk's user profile lists them. */
  Simulator.prototype.userFieldRows = function (person) {
    var fields = Array.isArray(person.fields) ? person.fields : [];
    var tags = Array.isArray(person.tags) ? person.tags : [];
    var rows = [];
    fields.forEach(function (field) {
      rows.push(this.el('dt', { text: String(field.title || field.key || '') }));
      rows.push(this.el('dd', { className: 'sim-user-field', 'data-field-key': String(field.key || ''), text: String(field.value) }));
    }, this);
    rows.push(this.el('dt', { text: 'Tags' }));
    rows.push(this.el('dd', { id: 'user-tags', 'data-tags': tags.join(' '), text: tags.join(', ') || 'none' }));
    return rows;
  };

  Simulator.prototype.newGuid = function () {
    var crypto = this.win.crypto;
    if (crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    return 'sim-' + Date.now().toString(16) + '-' + Math.random().toString(16).slice(2);
  };

  /** Each opened ticket or user gets a fresh app instance, like a Zendesk tab. */
  Simulator.prototype.mountApp = function (worldPart) {
    var navBar = worldPart.location === 'nav_bar';
    var container = navBar ? this.$('nav-app-container') : this.$('app-container');
    var old = this.$('app-frame');
    if (old) old.parentNode.removeChild(old);
    var guid = this.newGuid();
    var world = Object.assign({
      currentUser: this.state.currentUser,
      account: this.state.account,
      installation: this.state.installation
    }, worldPart);
    var frame = this.el('iframe', {
      id: 'app-frame',
      className: navBar ? 'sim-nav-frame' : 'sim-app-frame',
      title: (this.state.installation && this.state.installation.name) || 'App',
      src: appFrameSrc(this.win.location.origin, guid, (this.state.locations || {})[world.location]),
      'data-location': world.location,
      'data-app-guid': guid,
      'data-resize-count': '0',
      sandbox: 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms allow-downloads'
    });
    this.instance = { guid: guid, frame: frame, world: world, subscriptions: {} };
    this.$('app-location').textContent = world.location;
    container.appendChild(frame);
    this.log('mount', world.location + ' ' + guid.slice(0, 8));
  };

  Simulator.prototype.frameOrigin = function (frame) {
    return new this.win.URL(frame.getAttribute('src'), this.win.location.href).origin;
  };

  Simulator.prototype.send = function (instance, message) {
    var target = instance.frame.contentWindow;
    if (!target) return;
    target.postMessage(JSON.stringify(message), this.frameOrigin(instance.frame));
    this.log('host → app', message.key || ('reply #' + message.id));
  };

  /** Accepts messages only from the current app iframe and acts on the router's decision. */
  Simulator.prototype.onMessage = function (event) {
    var instance = this.instance;
    if (!instance || event.source !== instance.frame.contentWindow) return;
    if (event.origin !== this.frameOrigin(instance.frame)) return;
    var message = parseMessage(event.data);
    var route = routeMessage(message, instance.world, instance.guid);
    if (route.kind === 'ignored') return;
    this.log('app → host', describe(message));
    var handler = this['on_' + route.kind];
    if (typeof handler === 'function') handler.call(this, instance, route);
  };

  Simulator.prototype.on_handshake = function (instance, route) {
    this.send(instance, route.reply);
  };

  Simulator.prototype.on_get = function (instance, route) {
    this.send(instance, route.reply);
  };

  Simulator.prototype.on_set = function (instance, route) {
    this.renderTicketState(instance.world.ticket);
    this.send(instance, route.reply);
  };

  Simulator.prototype.on_invoke = function (instance, route) {
    if (route.resize) this.applyResize(instance.frame, route.resize);
    this.renderTicketState(instance.world.ticket);
    this.send(instance, route.reply);
  };

  Simulator.prototype.on_subscribe = function (instance, route) {
    instance.subscriptions[route.subscription.event] = route.subscription.count;
    instance.frame.setAttribute('data-subscriptions', Object.keys(instance.subscriptions).join(' '));
  };

  Simulator.prototype.on_unsubscribe = function (instance, route) {
    if (route.subscription.count > 0) instance.subscriptions[route.subscription.event] = route.subscription.count;
    else delete instance.subscriptions[route.subscription.event];
    instance.frame.setAttribute('data-subscriptions', Object.keys(instance.subscriptions).join(' '));
  };

  Simulator.prototype.on_request = function (instance, route) {
    var self = this;
    var key = route.request.key;
    var options = route.request.options;
    return self.win.fetch('/simulator/proxy', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(options)
    }).then(function (response) {
      return response.json();
    }).then(function (result) {
      return proxyReply(key, result, options);
    }, function () {
      return transportFailure(key);
    }).then(function (reply) {
      if (self.instance === instance) self.send(instance, reply);
      return self.refreshCounter();
    });
  };

  Simulator.prototype.applyResize = function (frame, size) {
    if (size.height) frame.style.height = /^\d+$/.test(size.height) ? size.height + 'px' : size.height;
    if (size.width) frame.style.width = /^\d+$/.test(size.width) ? size.width + 'px' : size.width;
    var count = Number(frame.getAttribute('data-resize-count') || '0') + 1;
    frame.setAttribute('data-resize-count', String(count));
    if (size.height) frame.setAttribute('data-last-height', size.height);
  };

  Simulator.prototype.log = function (direction, text) {
    var list = this.$('protocol-log');
    if (!list) return;
    list.appendChild(this.el('li', {}, [this.el('span', { className: 'sim-log-dir', text: direction }), ' ' + text]));
    while (list.children.length > LOG_LIMIT) list.removeChild(list.firstChild);
  };

  Simulator.prototype.renderFatal = function (text) {
    this.setView({ kind: 'error', ticket: null, requester: null }, [this.el('p', { className: 'sim-error', text: text })]);
  };

  function describe(message) {
    if (!message) return '?';
    if (message.request === 'get') return 'get ' + [].concat(message.params).join(', ');
    if (message.request) return message.request + ' ' + Object.keys(message.params || {}).join(', ');
    return message.key || '?';
  }

  var api = {
    parseMessage: parseMessage,
    zafUser: zafUser,
    zafTicket: zafTicket,
    lookupPath: lookupPath,
    answerGet: answerGet,
    answerSet: answerSet,
    answerInvoke: answerInvoke,
    tagArguments: tagArguments,
    resizeRequest: resizeRequest,
    proxyReply: proxyReply,
    transportFailure: transportFailure,
    buildMetadata: buildMetadata,
    buildContext: buildContext,
    registrationMessage: registrationMessage,
    requesterChangeEvents: requesterChangeEvents,
    ticketSavedEvents: ticketSavedEvents,
    agentFromQuery: agentFromQuery,
    appFrameSrc: appFrameSrc,
    routeMessage: routeMessage,
    tierLabel: tierLabel
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else if (typeof window !== 'undefined' && window.document && window.document.getElementById('ticket-list')) {
    new Simulator(window).start();
  }
})();
