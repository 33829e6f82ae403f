'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const sidebar = require('../../assets/sidebar.js');

test('requester payload puts the primary email first, then other email identities', () => {
  const payload = sidebar.buildRequesterPayload({
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    externalId: 'C-1001',
    identities: [
      { type: 'email', value: 'ada.alt@example.com', primary: false },
      { type: 'twitter', value: '@ada' },
      { type: 'email', value: 'ada@example.com', primary: true }
    ]
  });
  assert.deepEqual(payload, {
    email: 'ada@example.com',
    emails: ['ada@example.com', 'ada.alt@example.com'],
    externalId: 'C-1001',
    name: 'Ada Lovelace'
  });
});

test('requester payload trims values and drops duplicate emails regardless of case', () => {
  const payload = sidebar.buildRequesterPayload({
    name: '  Grace Hopper ',
    email: '  grace@example.com ',
    externalId: '  ',
    identities: [
      { type: 'email', value: 'GRACE@example.com', primary: true },
      { type: 'email', value: ' grace.work@example.com ' },
      { type: 'email', value: 'grace.work@example.com' },
      { type: 'email', value: '' }
    ]
  });
  assert.deepEqual(payload.emails, ['grace@example.com', 'grace.work@example.com']);
  assert.equal(payload.email, 'grace@example.com');
  assert.equal(payload.name, 'Grace Hopper');
  assert.equal(payload.externalId, null);
});

test('requester payload uses the primary identity when the user has no email field', () => {
  const payload = sidebar.buildRequesterPayload({
    name: 'Alan',
    identities: [
      { type: 'email', value: 'second@example.com' },
      { type: 'email', value: 'first@example.com', primary: true }
    ]
  });
  assert.equal(payload.email, 'first@example.com');
  assert.deepEqual(payload.emails, ['first@example.com', 'second@example.com']);
});

test('requester payload without any email has a null email and an empty list', () => {
  const payload = sidebar.buildRequesterPayload({ name: 'Phone Only', externalId: 42 });
  assert.deepEqual(payload, { email: null, emails: [], externalId: '42', name: 'Phone Only' });
  assert.equal(sidebar.hasIdentifier(payload), true, 'an external ID alone is enough to look up');
  assert.equal(sidebar.hasIdentifier(sidebar.buildRequesterPayload({ name: 'Nobody' })), false);
});

test('a missing requester (new ticket without one) gives no payload', () => {
  assert.equal(sidebar.buildRequesterPayload(null), null);
  assert.equal(sidebar.buildRequesterPayload(undefined), null);
  assert.equal(sidebar.hasIdentifier(null), false);
});

test('requester key is the same for the same person whatever the email case', () => {
  const a = sidebar.buildRequesterPayload({ email: 'Ada@Example.com' });
  const b = sidebar.buildRequesterPayload({ email: 'ada@example.com' });
  const c = sidebar.buildRequesterPayload({ email: 'grace@example.com' });
  assert.equal(sidebar.requesterKey(a), sidebar.requesterKey(b));
  assert.notEqual(sidebar.requesterKey(a), sidebar.requesterKey(c));
});

test('requester payload carries the Zendesk user id when ZAF gives a numeric one, and nothing else in its place', () => {
  assert.equal(sidebar.buildRequesterPayload({ id: 9001, name: 'Ada', email: 'ada@example.com' }).id, 9001);
  assert.equal('id' in sidebar.buildRequesterPayload({ id: '9001<script>', name: 'Ada', email: 'ada@example.com' }), false);
  assert.equal('id' in sidebar.buildRequesterPayload({ id: -1, name: 'Ada', email: 'ada@example.com' }), false);
});
