/*
 * Engagement Bridge sidebar: resizing the iframe to its content.
 * The method is mixed into SidebarApp (sidebar.js).
 * Loaded by iframe.html before sidebar.js; exported for node tests.
 */
(function () {
  'use strict';

  var MAX_HEIGHT = 1200;
  var MIN_HEIGHT = 48;

  function clampHeight(pixels) {
    var value = Math.ceil(Number(pixels) || 0);
    return Math.max(MIN_HEIGHT, Math.min(value, MAX_HEIGHT));
  }

  var methods = {};

  /** Resizes after layout; force=true after each render, otherwise only when the height changed. */
  methods.scheduleResize = function (force) {
    var self = this;
    self.forceResize = self.forceResize || force;
    if (self.resizeFrame !== null) return;
    var raf = self.win.requestAnimationFrame ? self.win.requestAnimationFrame.bind(self.win)
      : function (fn) { return self.win.setTimeout(fn, 16); };
    self.resizeFrame = raf(function () {
      self.resizeFrame = null;
      var forced = self.forceResize;
      self.forceResize = false;
      var measured = self.frame.getBoundingClientRect().height;
      if (!measured) return; // hidden: measure again when shown
      var height = clampHeight(measured);
      if (!forced && height === self.lastHeight) return;
      self.lastHeight = height;
      var pending = self.client.invoke('resize', { width: '100%', height: height + 'px' });
      if (pending && typeof pending.catch === 'function') pending.catch(function () {});
    });
  };

  var api = {
    MAX_HEIGHT: MAX_HEIGHT,
    clampHeight: clampHeight,
    resizeMethods: methods
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    window.EngagementBridge = Object.assign(window.EngagementBridge || {}, api);
  }
})();
