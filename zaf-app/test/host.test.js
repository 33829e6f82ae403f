'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const host = require('../simulator/host.js');

const requester = {
  id: 9001, name: 'Ada Lovelace', email: 'ada@example.com', externalId: 'C-1001',
  identities: [{ type: 'email', value: 'ada@example.com', primary: true }, { type: 'email', value: 'ada.alt@example.com', primary: false }]
};
const ticket = { id: 101, subject: 'Where is my order?', status: 'open', priority: 'high', createdAt: '2026-11-20T10:00:00Z', description: 'Hi', requester };
const installation = { appId: 1, installationId: 1, name: 'Engagement Bridge', version: '0.1.0', settings: { title: 'Engagement Bridge', backend_url: 'http://localhost:7070' } };
const currentUser = { id: 1, name: 'Alex Agent', email: 'alex@acme.example', locale: 'en-US', timeZone: { ianaName: 'Europe/Prague' }, role: 'admin' };
const account = { subdomain: 'acme' };

function world(extra) {
  return Object.assign({ location: 'ticket_sidebar', ticket, currentUser, account, installation }, extra);
}

test('router answers the handshake with app.registered carrying metadata and context', () => {
  const route = host.routeMessage({ key: 'iframe.handshake', message: { version: '2.0.9' }, appGuid: 'g1', instanceGuid: 'g1' }, world(), 'g1');
  assert.equal(route.kind, 'handshake');
  assert.deepEqual(route.reply, {
    key: 'zaf.app.registered',
    message: {
      metadata: { appId: 1, installationId: 1, name: 'Engagement Bridge', version: '0.1.0', settings: installation.settings },
      context: { product: 'support', location: 'ticket_sidebar', instanceGuid: 'g1', account: { subdomain: 'acme' }, ticketId: 101 }
    }
  });
});

test('router answers get with each path and an empty errors object', () => {
  const route = host.routeMessage({ id: 7, request: 'get', params: ['ticket.requester', 'ticket.id', 'currentUser'] }, world(), 'g1');
  assert.equal(route.kind, 'get');
  assert.equal(route.reply.id, 7);
  assert.deepEqual(route.reply.result.errors, {});
  assert.equal(route.reply.result['ticket.id'], 101);
  assert.deepEqual(route.reply.result.currentUser, currentUser);
  assert.deepEqual(route.reply.result['ticket.requester'], {
    id: 9001, name: 'Ada Lovelace', email: 'ada@example.com', externalId: 'C-1001',
    identities: [{ type: 'email', value: 'ada@example.com', primary: true }, { type: 'email', value: 'ada.alt@example.com', primary: false }]
  });
});

test('router answers get with an error for unknown paths and keeps the known ones', () => {
  const route = host.routeMessage({ id: 8, request: 'get', params: ['ticket.requester.email', 'ticket.nope', 'user', 'organization'] }, world(), 'g1');
  const result = route.reply.result;
  assert.equal(result['ticket.requester.email'], 'ada@example.com');
  assert.deepEqual(Object.keys(result.errors).sort(), ['organization', 'ticket.nope', 'user']);
  for (const path of ['organization', 'ticket.nope', 'user']) {
    assert.equal(typeof result.errors[path].message, 'string');
    assert.ok(!(path in result), path + ' has no value');
  }
});

test('user sidebar answers "user" and refuses "ticket"', () => {
  const route = host.routeMessage({ id: 9, request: 'get', params: ['user', 'ticket.requester'] }, world({ location: 'user_sidebar', ticket: null, user: requester }), 'g2');
  assert.equal(route.reply.result.user.email, 'ada@example.com');
  assert.ok(route.reply.result.errors['ticket.requester']);
});

test('new ticket without a requester answers a null requester, then the chosen one', () => {
  const fresh = world({ location: 'new_ticket_sidebar', ticket: null, requester: null });
  const before = host.routeMessage({ id: 10, request: 'get', params: ['ticket.requester', 'ticket.requester.email'] }, fresh, 'g3');
  assert.equal(before.reply.result['ticket.requester'], null);
  assert.equal(before.reply.result['ticket.requester.email'], null);
  assert.deepEqual(before.reply.result.errors, {});
  fresh.requester = requester;
  const after = host.routeMessage({ id: 11, request: 'get', params: ['ticket.requester.email'] }, fresh, 'g3');
  assert.equal(after.reply.result['ticket.requester.email'], 'ada@example.com');
  assert.equal(host.buildContext(fresh, 'g3').ticketId, undefined);
});

test('requester change sends the email and id events', () => {
  assert.deepEqual(host.requesterChangeEvents(requester), [
    { key: 'zaf.ticket.requester.email.changed', message: 'ada@example.com' },
    { key: 'zaf.ticket.requester.id.changed', message: 9001 }
  ]);
});

test('router maps invoke resize to a resize and an ok reply', () => {
  const route = host.routeMessage({ id: 12, request: 'invoke', params: { resize: [{ width: '100%', height: '243px' }] } }, world(), 'g1');
  assert.equal(route.kind, 'invoke');
  assert.deepEqual(route.resize, { width: '100%', height: '243px' });
  assert.deepEqual(route.reply, { id: 12, result: { resize: null, errors: {} } });
  const unknown = host.routeMessage({ id: 13, request: 'invoke', params: { 'ticket.comment.appendText': ['x'] } }, world(), 'g1');
  assert.ok(unknown.reply.result.errors['ticket.comment.appendText']);
  assert.equal(unknown.resize, null);
});

test('router echoes set and records subscriptions', () => {
  assert.deepEqual(host.routeMessage({ id: 14, request: 'set', params: { 'ticket.subject': 'x' } }, world(), 'g1').reply,
    { id: 14, result: { 'ticket.subject': 'x', errors: {} } });
  assert.deepEqual(host.routeMessage({ key: 'iframe.on:ticket.requester.email.changed', message: { subscriberCount: 1 } }, world(), 'g1'),
    { kind: 'subscribe', subscription: { event: 'ticket.requester.email.changed', count: 1 } });
  assert.deepEqual(host.routeMessage({ key: 'iframe.off:request:1.done', message: { subscriberCount: 0 } }, world(), 'g1'),
    { kind: 'unsubscribe', subscription: { event: 'request:1.done', count: 0 } });
});

test('router hands request:K to the proxy with the exact options', () => {
  const options = { url: 'http://localhost:7070/sidebar', type: 'POST', secure: true, headers: { 'X-Engagement-Key-Id': '{{setting.engagement_api_key_id}}' }, data: '{}' };
  assert.deepEqual(host.routeMessage({ key: 'request:3', message: options }, world(), 'g1'),
    { kind: 'request', request: { key: 'request:3', options } });
  assert.equal(host.routeMessage({ key: 'request:3.done' }, world(), 'g1').kind, 'ignored');
  assert.equal(host.routeMessage({ key: '__track__' }, world(), 'g1').kind, 'ignored');
  assert.equal(host.routeMessage(null, world(), 'g1').kind, 'ignored');
});

test('a 2xx proxy result becomes request:K.done with data, "success" and an xhr-like object', () => {
  const html = '<section class="eb-sidebar" data-state="profile"></section>';
  assert.deepEqual(host.proxyReply('request:4', { status: 200, statusText: 'OK', contentType: 'text/html', body: html }, { dataType: 'text' }), {
    key: 'zaf.request:4.done',
    message: { responseArgs: [html, 'success', { status: 200, responseText: html }] }
  });
});

test('a JSON proxy result is parsed unless the app asked for text', () => {
  const body = '{"ok":true}';
  const parsed = host.proxyReply('request:5', { status: 201, contentType: 'application/json; charset=utf-8', body }, { type: 'GET' });
  assert.deepEqual(parsed.message.responseArgs, [{ ok: true }, 'success', { status: 201, responseText: body }]);
  const text = host.proxyReply('request:5', { status: 200, contentType: 'application/json', body }, { dataType: 'text' });
  assert.equal(text.message.responseArgs[0], body);
});

test('a non-2xx proxy result becomes request:K.fail with status, statusText and responseText', () => {
  const html = '<section class="eb-sidebar" data-state="error"></section>';
  assert.deepEqual(host.proxyReply('request:6', { status: 503, statusText: 'Service Unavailable', contentType: 'text/html', body: html }), {
    key: 'zaf.request:6.fail',
    message: { responseArgs: [{ status: 503, statusText: 'Service Unavailable', responseText: html }] }
  });
  assert.deepEqual(host.proxyReply('request:7', { status: 403, statusText: 'Host not allowed', body: 'not whitelisted' }).message.responseArgs,
    [{ status: 403, statusText: 'Host not allowed', responseText: 'not whitelisted' }]);
  assert.deepEqual(host.transportFailure('request:8'), {
    key: 'zaf.request:8.fail', message: { responseArgs: [{ status: 0, statusText: 'error', responseText: '' }] }
  });
});

test('messages arrive as JSON strings or objects; garbage is ignored', () => {
  assert.deepEqual(host.parseMessage('{"key":"iframe.handshake"}'), { key: 'iframe.handshake' });
  assert.deepEqual(host.parseMessage({ key: 'iframe.reply:x' }), { key: 'iframe.reply:x' });
  assert.equal(host.parseMessage('not json'), null);
  assert.equal(host.parseMessage(42), null);
});

test('app iframe URL carries the host origin and the instance guid', () => {
  assert.equal(host.appFrameSrc('http://localhost:7070', 'abc-1'),
    '/app/assets/iframe.html?origin=http%3A%2F%2Flocalhost%3A7070&app_guid=abc-1');
});

test('the page address can make the demo agent speak another language in another time zone', () => {
  const agent = host.agentFromQuery(currentUser, '?locale=de-DE&timezone=Europe/Berlin');
  assert.equal(agent.locale, 'de-DE');
  assert.deepEqual(agent.timeZone, { ianaName: 'Europe/Berlin' });
  assert.equal(agent.name, 'Alex Agent');
  assert.equal(currentUser.locale, 'en-US', 'the defaults are not changed');
});

test('without locale or timezone in the address the demo agent keeps the defaults', () => {
  assert.deepEqual(host.agentFromQuery(currentUser, ''), currentUser);
  assert.deepEqual(host.agentFromQuery(currentUser, '?locale=&ticket=101'), currentUser);
});

test('the page address can make the demo user a plain agent instead of an admin', () => {
  const agent = host.agentFromQuery({ role: 'admin', locale: 'en-US' }, '?role=agent');
  assert.equal(agent.role, 'agent');
  assert.equal(host.agentFromQuery({ role: 'admin' }, '?role=owner').role, 'admin');
});

test('the queue shows a ticket\'s tier by its tier tag, as agents read it, and nothing for an untiered ticket', () => {
  assert.equal(host.tierLabel(['gift', 'cdp_tier_1_vip']), 'VIP');
  assert.equal(host.tierLabel(['cdp_tier_2_high', 'eb_tiered']), 'High');
  assert.equal(host.tierLabel(['cdp_tier_3_standard']), 'Standard');
  assert.equal(host.tierLabel(['gift']), '');
  assert.equal(host.tierLabel(undefined), '');
});
