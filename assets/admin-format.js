/*
 * Engagement Bridge admin page: strings, numbers, dates and DOM building shared by its panels.
 * Every value from the backend is set as text (textContent, attributes), never parsed as HTML.
 * Exported for node tests.
 */
(function () {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var shared = node ? require('./strings.js') : window.EngagementBridge;
  var STRINGS = node ? Object.assign({}, require('./admin-strings.js'), require('./admin-strings-es-fr.js'), require('./admin-strings-ja-pt.js'))
    : window.EngagementBridgeAdminStrings;

  /** t(key, values): the locale's string (English when it lacks one) with {name} filled in. */
  function translator(locale) {
    var picked = shared.pickLocale(locale);
    var chosen = STRINGS[picked] || STRINGS.en;
    var t = function (key, values) {
      var text = Object.prototype.hasOwnProperty.call(chosen, key) ? chosen[key]
        : Object.prototype.hasOwnProperty.call(STRINGS.en, key) ? STRINGS.en[key] : key;
      return text.replace(/\{(\w+)\}/g, function (all, name) {
        return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    };
    t.locale = STRINGS[picked] ? picked : 'en';
    return t;
  }

  function number(locale, value) {
    var n = typeof value === 'number' && isFinite(value) ? value : 0;
    try {
      return new Intl.NumberFormat(locale).format(n);
    } catch (e) {
      return String(n);
    }
  }

  /** An ISO instant as a date and time in the agent's locale and time zone; the text as given when unreadable. */
  function dateTime(locale, zone, iso) {
    var date = new Date(iso);
    if (!iso || isNaN(date.getTime())) return String(iso || '');
    try {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone || undefined }).format(date);
    } catch (e) {
      return date.toISOString();
    }
  }

  /** A number of seconds with its unit: "42 s" below two minutes, else whole minutes. */
  function age(t, locale, seconds) {
    if (typeof seconds !== 'number' || !isFinite(seconds)) return t('none');
    return seconds < 120 ? t('seconds', { n: number(locale, Math.round(seconds)) }) : t('minutes', { n: number(locale, Math.floor(seconds / 60)) });
  }

  /** Builds an element: attrs are set as attributes (text as textContent), children appended (strings as text nodes). */
  function el(doc, tag, attrs, children) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === 'text') node.textContent = String(value);
      else if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
    });
    return node;
  }

  /** A table with a caption, header cells and rows of cell values (strings or nodes). */
  function table(doc, caption, headers, rows, className) {
    return el(doc, 'table', { className: 'eb-admin-table' + (className ? ' ' + className : '') }, [
      caption ? el(doc, 'caption', { text: caption }) : null,
      el(doc, 'thead', {}, [el(doc, 'tr', {}, headers.map(function (h) { return el(doc, 'th', { scope: 'col', text: h }); }))]),
      el(doc, 'tbody', {}, rows.map(function (row) {
        return el(doc, 'tr', {}, row.map(function (cell) {
          return typeof cell === 'string' || typeof cell === 'number' ? el(doc, 'td', { text: String(cell) }) : el(doc, 'td', {}, [cell]);
        }));
      }))
    ]);
  }

  /** The error text a failed client.request carries ({"error": …} from the backend), or ''. */
  function failureDetail(failure) {
    try {
      var parsed = JSON.parse(failure && failure.responseText);
      return parsed && typeof parsed.error === 'string' ? parsed.error : '';
    } catch (e) {
      return '';
    }
  }

  var api = {
    STRINGS: STRINGS,
    translator: translator,
    number: number,
    dateTime: dateTime,
    age: age,
    el: el,
    table: table,
    failureDetail: failureDetail
  };

  if (node) {
    module.exports = api;
  } else {
    window.EngagementBridgeAdminFormat = api;
  }
})();
