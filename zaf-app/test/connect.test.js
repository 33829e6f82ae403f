'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const connect = require('../../assets/connect.js');

const settings = {
  backend_url: 'https://Bridge.example.com/',
  engagement_api_base_url: 'https://api.exponea.com',
  engagement_project_token: 'cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19',
  engagement_api_key_secret: 'must-never-be-sent-in-the-body',
  shared_secret: 'must-never-be-sent-either'
};
const admin = { id: 1, locale: 'fr-CA', role: 'admin', timeZone: { ianaName: 'America/Toronto' } };

test('app API paths join backend_url without a double slash, keeping a base path', () => {
  assert.equal(connect.appApiUrl('https://bridge.example.com/', '/v1/app/connect'), 'https://bridge.example.com/v1/app/connect');
  assert.equal(connect.appApiUrl('https://bridge.example.com/base', '/v1/app/connection'), 'https://bridge.example.com/base/v1/app/connection');
  assert.equal(connect.appApiUrl('', '/v1/app/connect'), null);
});

test('connect request goes through the secure proxy with the JWT naming the subdomain as iss', () => {
  const options = connect.buildAppRequest(settings.backend_url, connect.PATHS.connect, connect.buildAppBody(admin, settings), 'acme');
  assert.equal(options.url, 'https://Bridge.example.com/v1/app/connect');
  assert.equal(options.secure, true);
  assert.equal(options.type, 'POST');
  assert.equal(options.dataType, 'json');
  assert.equal(options.headers['X-Engagement-Key-Id'], '{{setting.engagement_api_key_id}}');
  assert.equal(options.headers.Authorization, 'Bearer {{jwt.token}}');
  assert.deepEqual(options.jwt.claims, { aud: 'https://bridge.example.com', iss: 'acme' });
  assert.equal(options.jwt.secret_key, '{{setting.shared_secret}}');
});

test('connect body names the agent and carries no secure setting', () => {
  const body = connect.buildAppBody(admin, settings);
  assert.equal(body.agent.role, 'admin');
  assert.equal(body.settings.engagement_project_token, settings.engagement_project_token);
  assert.equal(JSON.stringify(body).includes('must-never'), false);
});

test('status view: connected shows the URL and Disconnect; otherwise Connect, or why not', () => {
  assert.deepEqual(connect.statusView({ oauth_configured: true, connected: true, connection: { zendesk_url: 'https://acme.zendesk.com' } }),
    { state: 'connected', url: 'https://acme.zendesk.com', action: 'disconnect' });
  assert.deepEqual(connect.statusView({ oauth_configured: true, connected: false }), { state: 'disconnected', action: 'connect' });
  assert.deepEqual(connect.statusView({ oauth_configured: false, connected: false }), { state: 'not-configured', action: null });
});

test('status view: a disconnect under way says so and offers no Disconnect or Connect', () => {
  assert.deepEqual(connect.statusView({ oauth_configured: true, connected: true, disconnecting: true,
    connection: { zendesk_url: 'https://acme.zendesk.com' } }), { state: 'disconnecting', url: 'https://acme.zendesk.com', action: null });
});

test('failures map to short messages; a backend without a write side hides the panel', () => {
  const failure = (status, error) => ({ status, responseText: JSON.stringify({ error }) });
  assert.deepEqual(connect.failureView(failure(404, 'Not found')), { state: 'hidden' });
  assert.deepEqual(connect.failureView(failure(401, 'This request could not be verified')), { state: 'error', key: 'unverified' });
  assert.deepEqual(connect.failureView(failure(409, 'the operator has not configured an OAuth client: set …')),
    { state: 'not-configured', key: 'notConfigured' });
  assert.deepEqual(connect.failureView(failure(422, 'Fix these app settings first: engagement_project_token: Enter it.')),
    { state: 'error', key: 'fixSettings', detail: 'engagement_project_token: Enter it.' });
  assert.deepEqual(connect.failureView({ status: 0, responseText: '' }), { state: 'error', key: 'failed' });
});

test('every locale has every English key, and the connected line keeps the URL as given', () => {
  const keys = Object.keys(connect.STRINGS.en).sort();
  for (const locale of ['de', 'es', 'fr', 'pt-BR', 'ja']) {
    assert.deepEqual(Object.keys(connect.STRINGS[locale]).sort(), keys, locale);
  }
  assert.equal(connect.translator('fr-CA')('connected', { url: '<b>x</b>' }), 'Connecté à <b>x</b>');
  assert.equal(connect.translator('ja')('connect'), 'Zendesk に接続');
  assert.equal(connect.translator('nl')('disconnect'), 'Disconnect');
});

test('connect panel holds no placeholders or secrets of its own and does not log', () => {
  for (const file of ['connect.js', 'connect-strings.js']) {
    const js = fs.readFileSync(path.join(__dirname, '..', '..', 'assets', file), 'utf8');
    assert.doesNotMatch(js, /\{\{/, file);
    assert.doesNotMatch(js, /console\.|innerHTML|insertAdjacentHTML|document\.write/, file);
  }
});

test('iframe loads the connect panel after sidebar.js, which it builds on', () => {
  const html = fs.readFileSync(path.join(__dirname, '..', '..', 'assets', 'iframe.html'), 'utf8');
  assert.ok(html.indexOf('sidebar.js') < html.indexOf('connect-strings.js'));
  assert.ok(html.indexOf('connect-strings.js') < html.indexOf('connect.js"'));
  assert.match(html, /<aside id="eb-connect"[^>]* hidden/);
});
