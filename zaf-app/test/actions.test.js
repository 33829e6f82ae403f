'use strict';
// "Apply suggested priority": the fragment's data attributes become ZAF calls, and the host
// simulator's ticket changes the way Zendesk's open ticket would.
const test = require('node:test');
const assert = require('node:assert/strict');
const actions = require('../../assets/actions.js');
const host = require('../simulator/host.js');

function tierElement(attributes) {
  return { getAttribute: (name) => (Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : null) };
}

const vip = { 'data-priority': 'urgent', 'data-tag': 'cdp_tier_1_vip', 'data-field-value': 'cdp_tier_1_vip', 'data-field-id': '360012345678' };

test('the suggestion comes from the tier element, with the field only when its id is numeric', () => {
  assert.deepEqual(actions.readSuggestion(tierElement(vip)),
    { priority: 'urgent', tag: 'cdp_tier_1_vip', fieldId: '360012345678', fieldValue: 'cdp_tier_1_vip' });
  const noField = Object.assign({}, vip, { 'data-field-id': null });
  assert.equal(actions.readSuggestion(tierElement(noField)).fieldId, null);
  assert.equal(actions.readSuggestion(tierElement(Object.assign({}, vip, { 'data-field-id': '12;alert(1)' }))).fieldId, null);
});

test('an unknown priority or a missing tag gives no suggestion', () => {
  assert.equal(actions.readSuggestion(tierElement(Object.assign({}, vip, { 'data-priority': 'asap' }))), null);
  assert.equal(actions.readSuggestion(tierElement(Object.assign({}, vip, { 'data-tag': '' }))), null);
  assert.equal(actions.readSuggestion(null), null);
});

test('applying sets the priority, adds the tag and sets the tier field, in that order', () => {
  const suggestion = actions.readSuggestion(tierElement(vip));
  assert.deepEqual(actions.applyCalls(suggestion), [
    ['set', 'ticket.priority', 'urgent'],
    ['invoke', 'ticket.tags.add', 'cdp_tier_1_vip'],
    ['set', 'ticket.customField:custom_field_360012345678', 'cdp_tier_1_vip']
  ]);
  assert.equal(actions.applyCalls(Object.assign({}, suggestion, { fieldId: null })).length, 2, 'no field setting: no field call');
});

test('a ticket already carrying priority, tag and field counts as applied; any one missing does not', () => {
  const suggestion = actions.readSuggestion(tierElement(vip));
  const field = 'ticket.customField:custom_field_360012345678';
  assert.deepEqual(actions.statePaths(suggestion), ['ticket.priority', 'ticket.tags', field]);
  const done = { 'ticket.priority': 'urgent', 'ticket.tags': ['vip_lounge', 'cdp_tier_1_vip'], [field]: 'cdp_tier_1_vip', errors: {} };
  assert.equal(actions.isApplied(suggestion, done), true);
  assert.equal(actions.isApplied(suggestion, Object.assign({}, done, { 'ticket.priority': 'high' })), false);
  assert.equal(actions.isApplied(suggestion, Object.assign({}, done, { 'ticket.tags': ['vip_lounge'] })), false);
  assert.equal(actions.isApplied(suggestion, Object.assign({}, done, { [field]: null })), false);
  assert.equal(actions.isApplied(suggestion, undefined), false);
});

test('the host simulator applies the calls to its ticket and reads them back', () => {
  const ticket = { id: 101, subject: 'Order', status: 'open', priority: 'normal', tags: ['delivery'], requester: null };
  const world = { location: 'ticket_sidebar', ticket };
  const suggestion = actions.readSuggestion(tierElement(vip));
  actions.applyCalls(suggestion).forEach(([method, key, value], i) => {
    const params = method === 'set' ? { [key]: value } : { [key]: [value] };
    const reply = host.routeMessage({ id: i, request: method, params }, world, 'g1').reply;
    assert.deepEqual(reply.result.errors, {}, key);
  });
  assert.equal(ticket.priority, 'urgent');
  assert.deepEqual(ticket.tags, ['delivery', 'cdp_tier_1_vip']);
  const state = host.routeMessage({ id: 9, request: 'get', params: actions.statePaths(suggestion) }, world, 'g1').reply.result;
  assert.equal(actions.isApplied(suggestion, state), true);
});

test('the host refuses a priority Zendesk does not have and tag changes without a saved ticket', () => {
  const world = { location: 'ticket_sidebar', ticket: { id: 1, priority: 'low' } };
  const bad = host.routeMessage({ id: 1, request: 'set', params: { 'ticket.priority': 'asap' } }, world, 'g1').reply;
  assert.ok(bad.result.errors['ticket.priority']);
  assert.equal(world.ticket.priority, 'low');
  const fresh = { location: 'new_ticket_sidebar', ticket: null };
  assert.ok(host.routeMessage({ id: 2, request: 'invoke', params: { 'ticket.tags.add': ['x'] } }, fresh, 'g1').reply.result.errors['ticket.tags.add']);
  assert.equal(host.lookupPath(fresh, 'ticket.customField:custom_field_5').ok, false);
});

test('tags may be given one by one or as a list, and are stored in lower case', () => {
  assert.deepEqual(host.tagArguments(['VIP']), ['vip']);
  assert.deepEqual(host.tagArguments([['a', 'b ']]), ['a', 'b']);
  assert.deepEqual(host.tagArguments([['a', 7, '']]), ['a']);
});
