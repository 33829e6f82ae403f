'use strict';
// Drives the bundled SDK (dist/zaf_sdk.js) against the simulator's message router, in a fake
// window: proves the bundle exposes ZAFClient and that host.js speaks the SDK's protocol.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const host = require('../simulator/host.js');
const sidebar = require('../../assets/sidebar.js');

const BUNDLE = path.join(__dirname, '..', 'dist', 'zaf_sdk.js');
const skip = fs.existsSync(BUNDLE) ? false : 'dist/zaf_sdk.js is missing: run npm run build';
const ORIGIN = 'http://localhost:7070';

const requester = { id: 9001, name: 'Ada Lovelace', email: 'ada@example.com', externalId: null, identities: [{ type: 'email', value: 'ada@example.com', primary: true }] };
const world = {
  location: 'ticket_sidebar',
  ticket: { id: 101, subject: 'Order', status: 'open', priority: 'high', description: 'Hi', requester },
  currentUser: { id: 1, name: 'Alex Agent', locale: 'en-US', timeZone: { ianaName: 'Europe/Prague' }, role: 'admin' },
  account: { subdomain: 'acme' },
  installation: { appId: 1, installationId: 1, name: 'Engagement Bridge', version: '0.1.0', settings: { title: 'Engagement Bridge', backend_url: ORIGIN } }
};

function loadSdk(search) {
  const listeners = [];
  const parent = { posted: [], postMessage(data, targetOrigin) { this.posted.push({ data, targetOrigin }); } };
  const window = { parent, Promise, addEventListener(type, fn) { if (type === 'message') listeners.push(fn); } };
  const context = vm.createContext({ window, document: { location: { search, hash: '' } }, setTimeout, clearTimeout });
  vm.runInContext(fs.readFileSync(BUNDLE, 'utf8'), context);
  return {
    ZAFClient: vm.runInContext('ZAFClient', context),
    parent,
    // The host's side: answer the app's last message through the router, like host.js does.
    lastMessage() { return host.parseMessage(parent.posted[parent.posted.length - 1].data); },
    deliver(message, origin) {
      listeners.forEach((fn) => fn({ data: JSON.stringify(message), origin: origin || ORIGIN, source: parent }));
    }
  };
}

function registered() {
  const sdk = loadSdk('?origin=' + encodeURIComponent(ORIGIN) + '&app_guid=guid-1');
  const client = sdk.ZAFClient.init();
  const handshake = sdk.lastMessage();
  sdk.deliver(host.routeMessage(handshake, world, 'guid-1').reply);
  return { sdk, client, handshake };
}

test('the bundle defines a global ZAFClient object with init', { skip }, () => {
  const sdk = loadSdk('');
  assert.equal(typeof sdk.ZAFClient, 'object');
  assert.equal(typeof sdk.ZAFClient.init, 'function');
  assert.equal(sdk.ZAFClient.default, undefined);
  assert.equal(sdk.ZAFClient.init(), false, 'no origin/app_guid in the URL: not inside Zendesk');
});

test('handshake is posted to the host origin and registration fills metadata and context', { skip }, async () => {
  const { sdk, client, handshake } = registered();
  assert.equal(handshake.key, 'iframe.handshake');
  assert.equal(handshake.appGuid, 'guid-1');
  assert.equal(sdk.parent.posted[0].targetOrigin, ORIGIN);
  const metadata = await client.metadata();
  assert.equal(metadata.settings.title, 'Engagement Bridge');
  const context = await client.context();
  assert.equal(context.location, 'ticket_sidebar');
  assert.equal(context.ticketId, 101);
});

test('get resolves known paths and rejects unknown ones through the router', { skip }, async () => {
  const { sdk, client } = registered();
  const known = client.get('ticket.requester');
  sdk.deliver(host.routeMessage(sdk.lastMessage(), world, 'guid-1').reply);
  const data = await known;
  assert.equal(data['ticket.requester'].email, 'ada@example.com');
  assert.deepEqual(sidebar.buildRequesterPayload(data['ticket.requester']).emails, ['ada@example.com']);

  const unknown = client.get('ticket.nope');
  sdk.deliver(host.routeMessage(sdk.lastMessage(), world, 'guid-1').reply);
  await assert.rejects(unknown, /not a valid path/);
});

test('request options reach the host unchanged and done/fail replies settle the promise', { skip }, async () => {
  const { sdk, client } = registered();
  const body = sidebar.buildRequestBody({ location: 'ticket_sidebar', requester: sidebar.buildRequesterPayload(requester), currentUser: world.currentUser, settings: world.installation.settings });
  const options = sidebar.buildRequestOptions(ORIGIN, body);
  const html = '<section class="eb-sidebar" data-state="profile"></section>';

  const ok = client.request(options);
  const sent = sdk.lastMessage();
  const route = host.routeMessage(sent, world, 'guid-1');
  assert.equal(route.kind, 'request');
  assert.deepEqual(route.request.options, options);
  assert.equal(route.request.options.headers['X-Engagement-Key-Secret'], '{{setting.engagement_api_key_secret}}');
  sdk.deliver(host.proxyReply(route.request.key, { status: 200, statusText: 'OK', contentType: 'text/html', body: html }, options));
  assert.equal(await ok, html);

  const failing = client.request(options);
  const second = host.routeMessage(sdk.lastMessage(), world, 'guid-1');
  assert.notEqual(second.request.key, route.request.key);
  sdk.deliver(host.proxyReply(second.request.key, { status: 503, statusText: 'Service Unavailable', body: html }, options));
  await assert.rejects(failing, (failure) => failure.status === 503 && sidebar.fragmentFromFailure(failure) === html);
});

test('messages from another origin are ignored by the SDK', { skip }, async () => {
  const { sdk, client } = registered();
  const pending = client.get('ticket.id');
  const reply = host.routeMessage(sdk.lastMessage(), world, 'guid-1').reply;
  sdk.deliver(Object.assign({}, reply, { result: { 'ticket.id': 666, errors: {} } }), 'https://evil.example');
  sdk.deliver(reply);
  assert.equal((await pending)['ticket.id'], 101);
});
