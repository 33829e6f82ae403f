'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const sidebar = require('../../assets/sidebar.js');

const requester = { email: 'ada@example.com', emails: ['ada@example.com'], externalId: null, name: 'Ada' };
const settings = {
  title: 'Customer value',
  backend_url: 'https://bridge.example.com/',
  engagement_api_base_url: 'https://api.exponea.com',
  engagement_project_token: 'cc7cc3c6-6b36-a11b-ffaa-52f58fe58f19',
  customer_id_name: 'registered',
  currency: 'USD'
};
const currentUser = { id: 1, locale: 'en-US', role: 'admin', timeZone: { ianaName: 'Europe/Prague', name: 'Prague' } };

function body(refresh) {
  return sidebar.buildRequestBody({ location: 'ticket_sidebar', requester, currentUser, settings, refresh });
}

test('request goes through the secure proxy as a POST of JSON expecting text', () => {
  const options = sidebar.buildRequestOptions(settings.backend_url, body(false));
  assert.equal(options.secure, true);
  assert.equal(options.type, 'POST');
  assert.equal(options.contentType, 'application/json');
  assert.equal(options.dataType, 'text');
  assert.equal(options.cors, undefined, 'cors would bypass the proxy and its secret substitution');
});

test('request headers carry the setting placeholders literally, never a secret', () => {
  const options = sidebar.buildRequestOptions(settings.backend_url, body(false));
  assert.deepEqual(options.headers, {
    'X-Engagement-Key-Id': '{{setting.engagement_api_key_id}}',
    'X-Engagement-Key-Secret': '{{setting.engagement_api_key_secret}}',
    'Authorization': 'Bearer {{jwt.token}}'
  });
});

test('request asks the proxy to sign a short-lived JWT with the shared secret for the backend origin', () => {
  const options = sidebar.buildRequestOptions('https://Bridge.example.com:8443/base/', body(false));
  assert.deepEqual(options.jwt, {
    algorithm: 'HS256',
    secret_key: '{{setting.shared_secret}}',
    expiry: 300,
    claims: { aud: 'https://bridge.example.com:8443' }
  });
});

test('sidebar URL joins backend_url and /sidebar without a double slash', () => {
  assert.equal(sidebar.sidebarUrl('https://bridge.example.com/'), 'https://bridge.example.com/sidebar');
  assert.equal(sidebar.sidebarUrl('https://bridge.example.com//'), 'https://bridge.example.com/sidebar');
  assert.equal(sidebar.sidebarUrl(' https://bridge.example.com/base '), 'https://bridge.example.com/base/sidebar');
  assert.equal(sidebar.sidebarUrl(''), null);
  assert.equal(sidebar.sidebarUrl(undefined), null);
  assert.equal(sidebar.buildRequestOptions(settings.backend_url, {}).url, 'https://bridge.example.com/sidebar');
});

test('request body has the contract shape: location, requester, agent, settings, refresh', () => {
  const sent = JSON.parse(sidebar.buildRequestOptions(settings.backend_url, body(false)).data);
  assert.deepEqual(Object.keys(sent).sort(), ['agent', 'location', 'refresh', 'requester', 'settings']);
  assert.equal(sent.location, 'ticket_sidebar');
  assert.deepEqual(sent.requester, requester);
  assert.deepEqual(sent.agent, { locale: 'en-US', timeZone: 'Europe/Prague', role: 'admin' });
  assert.deepEqual(sent.settings, settings, 'settings travel as the browser sees them, title included');
  assert.equal(sent.refresh, false);
  assert.equal(JSON.parse(sidebar.buildRequestOptions(settings.backend_url, body(true)).data).refresh, true);
});

test('request body never carries secure settings even if the host listed them', () => {
  const leaky = Object.assign({}, settings, {
    engagement_api_key_id: 'id', engagement_api_key_secret: 'secret', shared_secret: 'shh'
  });
  const sent = sidebar.buildRequestBody({ location: 'user_sidebar', requester, currentUser, settings: leaky });
  assert.deepEqual(sent.settings, settings);
  assert.equal(sent.refresh, false);
});

test('agent fields are null when the current user is unknown', () => {
  assert.deepEqual(sidebar.buildAgent(null), { locale: null, timeZone: null, role: null });
  assert.deepEqual(sidebar.buildAgent({ locale: 'de', role: 'agent' }), { locale: 'de', timeZone: null, role: 'agent' });
});

test('a request that never answers times out as a failure', async () => {
  const never = new Promise(() => {});
  await assert.rejects(sidebar.withTimeout(never, 10), (failure) => failure.status === 0 && failure.statusText === 'timeout');
  assert.equal(await sidebar.withTimeout(Promise.resolve('ok'), 1000), 'ok');
});

test('iframe height is capped at 1200px and never collapses to nothing', () => {
  assert.equal(sidebar.clampHeight(243.2), 244);
  assert.equal(sidebar.clampHeight(5000), 1200);
  assert.equal(sidebar.clampHeight(0), 48);
});
