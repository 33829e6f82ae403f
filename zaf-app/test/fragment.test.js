'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const sidebar = require('../../assets/sidebar.js');

const profile = '<section class="eb-sidebar" data-state="profile"><h2 class="eb-name">Ada</h2></section>';

test('fragment with an eb-sidebar root is accepted and trimmed', () => {
  assert.equal(sidebar.extractSidebarFragment('\n  ' + profile + '\n'), profile);
  assert.equal(sidebar.extractSidebarFragment('<!-- jte -->' + profile), profile);
  const multi = '<section data-state="error" class="eb-local eb-sidebar"><p>x</p></section>';
  assert.equal(sidebar.extractSidebarFragment(multi), multi);
});

test('HTML without an eb-sidebar root is rejected', () => {
  assert.equal(sidebar.extractSidebarFragment('<html><body><h1>502 Bad Gateway</h1></body></html>'), null);
  assert.equal(sidebar.extractSidebarFragment('<section class="eb-sidebar-old">x</section>'), null);
  assert.equal(sidebar.extractSidebarFragment('<div class="wrapper"><section class="eb-sidebar"></section></div>'), null);
  assert.equal(sidebar.extractSidebarFragment('Internal Server Error'), null);
  assert.equal(sidebar.extractSidebarFragment('java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)'), null);
  assert.equal(sidebar.extractSidebarFragment(''), null);
  assert.equal(sidebar.extractSidebarFragment(null), null);
  assert.equal(sidebar.extractSidebarFragment({ html: profile }), null);
});

test('fragment that does not close its root is rejected', () => {
  assert.equal(sidebar.extractSidebarFragment('<section class="eb-sidebar"><p>cut off'), null);
  assert.equal(sidebar.extractSidebarFragment(profile + '<script>alert(1)</script>'), null);
});

test('a failed request shows the backend fragment it carries, if any', () => {
  const fragment = '<section class="eb-sidebar" data-state="error"><div class="eb-message">Slow</div></section>';
  assert.equal(sidebar.fragmentFromFailure({ status: 503, statusText: 'Service Unavailable', responseText: fragment }), fragment);
  assert.equal(sidebar.fragmentFromFailure({ status: 502, responseText: '<html>proxy error</html>' }), null);
  assert.equal(sidebar.fragmentFromFailure({ status: 0 }), null);
  assert.equal(sidebar.fragmentFromFailure(new Error('Timeout')), null);
  assert.equal(sidebar.fragmentFromFailure(undefined), null);
});
