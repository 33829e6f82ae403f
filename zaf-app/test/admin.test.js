'use strict';
// The admin page (assets/admin*.js): strings in every locale, the reason filter, the chart's data, the page's CSP.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const format = require('../../assets/admin-format.js');
const work = require('../../assets/admin-work.js');
const chart = require('../../assets/admin-chart.js');

const ASSETS = path.join(__dirname, '..', '..', 'assets');

test('every locale of the admin page has every English string and the same placeholders', () => {
  const en = format.STRINGS.en;
  assert.deepEqual(Object.keys(format.STRINGS).sort(), ['de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
  for (const [locale, strings] of Object.entries(format.STRINGS)) {
    assert.deepEqual(Object.keys(strings).sort(), Object.keys(en).sort(), locale);
    for (const key of Object.keys(en)) {
      const names = (text) => (text.match(/\{\w+\}/g) || []).sort();
      assert.deepEqual(names(strings[key]), names(en[key]), locale + ' ' + key);
    }
  }
});

test('an agent in a regional locale gets the language, and an unknown one English', () => {
  assert.equal(format.translator('de-AT')('refresh'), 'Aktualisieren');
  assert.equal(format.translator('pt-BR')('replay'), 'Reenviar');
  assert.equal(format.translator('xx')('replay'), 'Replay');
  assert.equal(format.translator('en')('replayed', { count: 3 }), '3 items back in line.');
});

test('the reason filter keeps failed rows whose reason contains the text, ignoring case', () => {
  const items = [{ reason: '403 Forbidden: ask an admin' }, { reason: 'invalid rules' }, { reason: null }];
  assert.equal(work.matching(items, '').length, 3);
  assert.deepEqual(work.matching(items, 'FORBIDDEN').map((i) => i.reason), ['403 Forbidden: ask an admin']);
});

test('work kinds split into Sync and Relay panels as the backend labels them', () => {
  const kinds = [{ kind: 'provision_zendesk', panel: 'sync' }, { kind: 'relay_ticket_event', panel: 'relay' }];
  assert.deepEqual(work.kindsOf(kinds, 'relay').map((k) => k.kind), ['relay_ticket_event']);
  assert.deepEqual(work.kindsOf(undefined, 'sync'), []);
});

test('the limits chart has a minute per point, the budget as a line and a series per exhausted limit', () => {
  const t = format.translator('en');
  const limits = { from: '2026-12-01T03:00:00Z', minutes: 3, budget_per_minute: 700, zendesk_requests: [1, 5, 2],
    engagement_calls: [0, 1, 0], rate_limited: { account: [0, 1, 0] } };
  const data = chart.chartData(t, limits);
  assert.deepEqual(data.x, [Date.parse('2026-12-01T03:00:00Z') / 1000, Date.parse('2026-12-01T03:01:00Z') / 1000,
    Date.parse('2026-12-01T03:02:00Z') / 1000]);
  assert.deepEqual(data.series.map((s) => s.label), ['Zendesk requests/min', 'Budget (requests/min)', 'Engagement calls/min', '429s (account)/min']);
  assert.deepEqual(data.series[1].values, [700, 700, 700]);
  assert.equal(chart.summary(t, 'en', limits), 'Peak 5 of 700 Zendesk requests/min, 1 429s and 1 Engagement calls in the last hour.');
});

test('admin page keeps the sidebar\'s CSP, loads only local scripts after the SDK, and each script stays small', () => {
  const html = fs.readFileSync(path.join(ASSETS, 'admin.html'), 'utf8');
  const sidebar = fs.readFileSync(path.join(ASSETS, 'iframe.html'), 'utf8');
  const csp = (page) => /Content-Security-Policy" content="([^"]+)"/.exec(page)[1];
  assert.equal(csp(html), csp(sidebar));
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
  const scripts = [...html.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1]);
  assert.match(scripts[0], /^https:\/\/static\.zdassets\.com\//);
  assert.ok(scripts.slice(1).every((s) => !s.includes(':')), 'everything else is an app asset');
  assert.equal(scripts[scripts.length - 1], 'admin.js');
  for (const file of fs.readdirSync(ASSETS).filter((f) => /^admin.*\.js$/.test(f))) {
    const lines = fs.readFileSync(path.join(ASSETS, file), 'utf8').split('\n').length;
    assert.ok(lines < 300, file + ' has ' + lines + ' lines');
  }
});

test('failed rows are picked by reason: each distinct reason once, the most frequent first, with its count', () => {
  const sync = require('../../assets/admin-sync.js');
  const rows = [{ reason: 'email is invalid' }, { reason: '<b>tier</b> is not a dropdown option' }, { reason: 'email is invalid' }, { reason: null }];
  assert.deepEqual(sync.reasons(rows), [{ reason: 'email is invalid', count: 2 }, { reason: '<b>tier</b> is not a dropdown option', count: 1 },
    { reason: '', count: 1 }]);
  assert.deepEqual(sync.reasons(undefined), []);
});
