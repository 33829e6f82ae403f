'use strict';
// Checks on the app package that the Zendesk validator (or the Marketplace) would make.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const APP = path.join(__dirname, '..', '..');
const read = (file) => fs.readFileSync(path.join(APP, file), 'utf8');
const json = (file) => JSON.parse(read(file));
const manifest = json('manifest.json');
// The app's own scripts, in the order iframe.html must load them: each part before sidebar.js, which boots the app.
const SCRIPTS = ['strings.js', 'requester.js', 'request.js', 'render.js', 'resize.js', 'actions.js', 'sidebar.js', 'connect-strings.js', 'connect.js'];
const appScripts = (html) => [...html.matchAll(/<script src="([^":]+)"><\/script>/g)].map((m) => m[1]);

test('manifest is a ZAF 2.0 app in the three sidebar locations and the admin page in the nav bar', () => {
  assert.equal(manifest.frameworkVersion, '2.0');
  assert.equal(manifest.defaultLocale, 'en');
  assert.deepEqual(Object.keys(manifest.location.support).sort(), ['nav_bar', 'new_ticket_sidebar', 'ticket_sidebar', 'user_sidebar']);
  for (const location of ['new_ticket_sidebar', 'ticket_sidebar', 'user_sidebar']) {
    assert.deepEqual(manifest.location.support[location], { url: 'assets/iframe.html', flexible: true });
  }
  assert.deepEqual(manifest.location.support.nav_bar, { url: 'assets/admin.html' });
  assert.ok(fs.existsSync(path.join(APP, 'assets', 'icon_nav_bar.svg')), 'the nav bar needs its icon');
  for (const key of ['name', 'email', 'url']) assert.equal(typeof manifest.author[key], 'string');
});

test('manifest parameters follow the validator rules', () => {
  const names = manifest.parameters.map((p) => p.name);
  assert.equal(new Set(names).size, names.length, 'no duplicate parameters');
  assert.ok(!names.includes('name') && !names.includes('title'));
  const types = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
  for (const p of manifest.parameters) {
    assert.ok(types.includes(p.type), p.name + ' has a valid type');
    if (p.scopes) assert.equal(p.secure, true, p.name + ': scopes need secure');
    if (p.secure) {
      assert.ok(Array.isArray(p.scopes) && p.scopes.length > 0, p.name + ' is scoped');
      assert.equal(p.default, undefined, p.name + ' has no default');
    }
  }
  const secure = manifest.parameters.filter((p) => p.secure).map((p) => p.name).sort();
  assert.deepEqual(secure, ['engagement_api_key_id', 'engagement_api_key_secret', 'shared_secret']);
});

test('every translation names the app and labels every parameter; English also explains it', () => {
  const names = manifest.parameters.map((p) => p.name);
  const en = json('translations/en.json').app;
  for (const key of ['name', 'short_description', 'long_description', 'installation_instructions']) {
    assert.ok(typeof en[key] === 'string' && en[key].length > 0, key);
  }
  assert.ok(en.short_description.length < 80);
  for (const name of names) {
    assert.ok(en.parameters[name].label && en.parameters[name].helpText, 'en ' + name);
  }
  for (const file of fs.readdirSync(path.join(APP, 'translations'))) {
    assert.match(file, /^[a-z]{2,3}(-\w{2,3})?\.json$/);
    const app = json('translations/' + file).app;
    assert.equal(typeof app.name, 'string', file);
    for (const name of names) assert.equal(typeof app.parameters[name].label, 'string', file + ' ' + name);
  }
});

test('iframe page loads the CDN SDK and has no inline script or style', () => {
  const html = read('assets/iframe.html');
  assert.match(html, /<script src="https:\/\/static\.zdassets\.com\/zendesk_app_framework_sdk\/2\.0\/zaf_sdk\.min\.js"><\/script>/);
  assert.match(html, /<script src="sidebar\.js"><\/script>/);
  assert.match(html, /<link rel="stylesheet" href="sidebar\.css">/);
  assert.match(html, /Content-Security-Policy/);
  assert.match(html, /id="eb-root"/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
  assert.ok(html.indexOf('zaf_sdk.min.js') < html.indexOf('sidebar.js'));
  assert.deepEqual(appScripts(html), SCRIPTS, 'the sidebar\'s parts load in order, then the connect panel that waits for it');
});

test('simulator page has no inline script or style either', () => {
  const html = fs.readFileSync(path.join(__dirname, '..', 'simulator', 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  for (const id of ['ticket-list', 'ticket-view', 'engagement-calls', 'app-container', 'new-ticket']) {
    assert.match(html, new RegExp('id="' + id + '"'), id);
  }
});

test('front-end code never holds a secret value, only proxy placeholders', () => {
  const js = SCRIPTS.map((file) => read('assets/' + file)).join('\n');
  const placeholders = js.match(/\{\{[^}]*\}\}/g) || [];
  assert.deepEqual([...new Set(placeholders)].sort(), [
    '{{jwt.token}}', '{{setting.engagement_api_key_id}}', '{{setting.engagement_api_key_secret}}', '{{setting.shared_secret}}'
  ]);
  assert.doesNotMatch(js, /console\.(log|info|debug|warn|error)/, 'the sidebar does not log');
});

test('logos are PNGs of the Marketplace sizes', () => {
  const size = (file) => {
    const png = fs.readFileSync(path.join(APP, 'assets', file));
    assert.equal(png.toString('latin1', 1, 4), 'PNG', file);
    return [png.readUInt32BE(16), png.readUInt32BE(20), png[25]];
  };
  assert.deepEqual(size('logo.png').slice(0, 2), [320, 320]);
  assert.deepEqual(size('logo-small.png'), [128, 128, 6], 'logo-small is RGBA');
  assert.match(read('assets/logo.svg'), /viewBox="0 0 18 18"/);
});

test('the package ships no requirements: nothing is sent to Engagement straight from a Zendesk trigger', () => {
  // The backend creates the events webhook (with the connection's own signing secret) and its triggers on connect,
  // and relays to Engagement itself; a static trigger would send localised, unescaped placeholders and lose events.
  assert.equal(fs.existsSync(path.join(APP, 'requirements.json')), false);
});

test('every script and stylesheet the app pages load locally is in assets/, so the package ships it; charts are bundled, not from a CDN', () => {
  for (const page of ['assets/iframe.html', 'assets/admin.html']) {
    const html = read(page);
    const local = [...html.matchAll(/<(?:script src|link rel="stylesheet" href)="([^":]+)"/g)].map((m) => m[1]);
    assert.ok(local.length > 0, page);
    for (const file of local) assert.ok(fs.existsSync(path.join(APP, 'assets', file)), page + ' loads ' + file + ', which assets/ lacks');
    const remote = [...html.matchAll(/(?:src|href)="(https?:[^"]+)"/g)].map((m) => m[1]);
    assert.ok(remote.every((url) => url.startsWith('https://static.zdassets.com/zendesk_app_framework_sdk/')), page + ' loads only the ZAF SDK remotely');
  }
  const uplot = json('zaf-app/package.json').devDependencies.uplot;
  assert.ok(read('assets/charts.js').startsWith('/*! uPlot ' + uplot + ','), 'assets/charts.js is the pinned uPlot ' + uplot + ': run npm run build:charts');
  assert.match(read('assets/charts.css'), /^\/\*! uPlot /);
});
