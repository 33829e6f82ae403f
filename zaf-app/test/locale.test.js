'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const sidebar = require('../../assets/sidebar.js');

test('locale picks the exact dictionary first, ignoring case', () => {
  assert.equal(sidebar.pickLocale('pt-BR'), 'pt-BR');
  assert.equal(sidebar.pickLocale('pt-br'), 'pt-BR');
  assert.equal(sidebar.pickLocale('ja'), 'ja');
});

test('locale falls back to the language when the region is unknown', () => {
  assert.equal(sidebar.pickLocale('de-CH'), 'de');
  assert.equal(sidebar.pickLocale('es-419'), 'es');
  assert.equal(sidebar.pickLocale('fr_CA'), 'fr');
  assert.equal(sidebar.pickLocale('en-GB'), 'en');
  assert.equal(sidebar.pickLocale('pt-PT'), 'pt-BR', 'a language with only a regional dictionary uses it');
});

test('locale falls back to English when nothing matches', () => {
  assert.equal(sidebar.pickLocale('nl-NL'), 'en');
  assert.equal(sidebar.pickLocale(''), 'en');
  assert.equal(sidebar.pickLocale(undefined), 'en');
});

test('translator returns the chosen language and falls back to English per key', () => {
  const t = sidebar.translator('de-DE');
  assert.equal(t.locale, 'de');
  assert.equal(t('retry'), 'Erneut versuchen');
  assert.equal(t('no-such-key'), 'no-such-key');
  assert.equal(sidebar.translator('en-US')('loadFailed'), 'We couldn\u2019t load this customer\u2019s Engagement profile. Try again.');
});

test('every dictionary has every English key', () => {
  const keys = Object.keys(sidebar.STRINGS.en).sort();
  for (const locale of ['de', 'es', 'fr', 'pt-BR', 'ja']) {
    assert.deepEqual(Object.keys(sidebar.STRINGS[locale]).sort(), keys, locale);
  }
});
