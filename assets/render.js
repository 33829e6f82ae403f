/*
 * Engagement Bridge sidebar: rendering.
 * Defuses and inserts the backend's fragment and draws the front end's own loading and notice states;
 * the methods are mixed into SidebarApp (sidebar.js).
 * Loaded by iframe.html before sidebar.js; exported for node tests.
 */
(function () {
  'use strict';
  var eb = typeof module !== 'undefined' && module.exports ? require('./requester.js') : window.EngagementBridge;
  var cleanText = eb.cleanText;

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

  var methods = {};

  methods.status = function () {
    return this.root.getAttribute('data-eb-status');
  };

  methods.setStatus = function (status) {
    this.root.setAttribute('data-eb-status', status);
    this.root.setAttribute('aria-busy', status === 'loading' || status === 'refreshing' ? 'true' : 'false');
  };

  methods.replaceContent = function (node, status) {
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
    this.root.appendChild(node);
    this.setStatus(status);
    this.scheduleResize(true);
  };

  methods.el = function (tag, className, text) {
    var node = this.doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  methods.showLoading = function () {
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
  methods.showRefreshing = function () {
    var section = this.root.querySelector('.eb-sidebar');
    if (!section) { this.showLoading(); return; }
    section.classList.add('eb-is-refreshing');
    Array.prototype.forEach.call(this.root.querySelectorAll('[data-eb-action]'), function (button) {
      button.setAttribute('disabled', 'disabled');
    });
    this.root.setAttribute('aria-label', this.t('refreshing'));
    this.setStatus('refreshing');
  };

  methods.renderFragment = function (html) {
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
  methods.showNotice = function (state, text, withRetry) {
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

  var api = {
    parseFragment: parseFragment,
    renderMethods: methods
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    window.EngagementBridge = Object.assign(window.EngagementBridge || {}, api);
  }
})();
