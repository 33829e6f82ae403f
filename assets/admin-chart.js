/*
 * Engagement Bridge admin page: the Limits panel. Zendesk requests per minute against the budget,
 * 429s by limit and Engagement calls over the last hour, drawn with uPlot (bundled into charts.js by
 * the zaf-app build, no CDN), with a one-line summary that says the same in words.
 */
(function () {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var f = node ? require('./admin-format.js') : window.EngagementBridgeAdminFormat;
  var panels = node ? require('./admin-panels.js') : window.EngagementBridgeAdminPanels;
  var COLORS = ['#1f73b7', '#87929d', '#038153', '#cc3340', '#ad5e18', '#5293c7'];

  function sum(values) {
    return (values || []).reduce(function (total, n) { return total + (typeof n === 'number' ? n : 0); }, 0);
  }

  /** The chart's columns: minute starts (epoch seconds), then one series per line, labels translated. */
  function chartData(t, limits) {
    var minutes = limits.minutes || 60;
    var from = Date.parse(limits.from) / 1000;
    var x = [];
    for (var i = 0; i < minutes; i++) x.push(from + i * 60);
    var series = [
      { label: t('zendeskPerMinute'), values: limits.zendesk_requests || [] },
      { label: t('budget'), values: x.map(function () { return limits.budget_per_minute || 0; }), dash: true },
      { label: t('engagementPerMinute'), values: limits.engagement_calls || [] }
    ];
    Object.keys(limits.rate_limited || {}).forEach(function (limit) {
      series.push({ label: t('rateLimited', { limit: limit }), values: limits.rate_limited[limit] });
    });
    return { x: x, series: series };
  }

  function summary(t, locale, limits) {
    var limited = 0;
    Object.keys(limits.rate_limited || {}).forEach(function (limit) { limited += sum(limits.rate_limited[limit]); });
    return t('limitsSummary', {
      peak: f.number(locale, Math.max.apply(null, [0].concat(limits.zendesk_requests || []))),
      budget: f.number(locale, limits.budget_per_minute || 0),
      limited: f.number(locale, limited),
      engagement: f.number(locale, sum(limits.engagement_calls))
    });
  }

  /** The panel with an empty chart box; {@link draw} fills it once the panel is in the page and has a width. */
  function limitsPanel(ui, limits) {
    var t = ui.t;
    return panels.section(ui, 'limits', t('limitsHeading'), [
      f.el(ui.doc, 'p', { id: 'eb-limits-summary', className: 'eb-admin-lead', text: summary(t, ui.locale, limits || {}) }),
      f.el(ui.doc, 'div', { id: 'eb-limits-chart', className: 'eb-admin-chart', role: 'img', 'aria-labelledby': 'eb-limits-summary' })
    ]);
  }

  function draw(ui, limits, uPlot) {
    var box = ui.doc.getElementById('eb-limits-chart');
    if (!box || !limits || typeof uPlot !== 'function') return null;
    var data = chartData(ui.t, limits);
    var width = Math.max(280, box.clientWidth || 600);
    var opts = {
      width: width,
      height: 220,
      scales: { x: { time: true } },
      // Minutes in the agent's time zone, like every other time on the page.
      tzDate: ui.zone ? function (ts) { return uPlot.tzDate(new Date(ts * 1000), ui.zone); } : undefined,
      axes: [{}, { label: '/min', size: 50 }],
      series: [{}].concat(data.series.map(function (s, i) {
        return { label: s.label, stroke: COLORS[i % COLORS.length], width: s.dash ? 1 : 2, dash: s.dash ? [6, 4] : undefined, points: { show: false } };
      }))
    };
    return new uPlot(opts, [data.x].concat(data.series.map(function (s) { return s.values; })), box);
  }

  var api = { chartData: chartData, summary: summary, limitsPanel: limitsPanel, draw: draw };

  if (node) {
    module.exports = api;
  } else {
    window.EngagementBridgeAdminChart = api;
  }
})();
