/*
 * Pdo – draws the charts of a page with Chart.js (served locally from /lib/chart.js).
 * The data comes from a <script type="application/json" id="dashboard-data"> block written by the server
 * (the Content-Security-Policy allows no inline script). Each <canvas data-chart="key"> draws data[key]:
 * { labels: [...], values: [...], statuses: ["status-achieved", ...] }. Every chart has a text summary and a
 * data table in the page, so the canvas is decorative for screen readers (role="img" with a label).
 */
(function () {
  'use strict';

  var colours = {
    'status-achieved': '#00704a',
    'status-partial': '#995c00',
    'status-not-achieved': '#c02a3f',
    'status-not-measured': '#5c6f82'
  };

  function read(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function percent(value) {
    return value === null || value === undefined ? 'non rilevato' : value.toLocaleString('it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' %';
  }

  var palette = ['#0066cc', '#995c00', '#00704a', '#5c6f82', '#c02a3f'];

  function draw(canvas, series) {
    var kind = canvas.getAttribute('data-chart');
    if (series.datasets) {
      // Several series (periods, years): grouped bars or lines of scores 0–100.
      return new window.Chart(canvas, {
        type: kind === 'years' ? 'line' : 'bar',
        data: {
          labels: series.labels,
          datasets: series.datasets.map(function (d, i) {
            return { label: d.label, data: d.values, backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length] };
          })
        },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: { legend: { display: true, position: 'bottom' }, tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ': ' + percent(ctx.parsed.y); } } } },
          scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + ' %'; } } } }
        }
      });
    }
    var common = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false }, tooltip: { callbacks: {} } }
    };
    if (kind === 'status') {
      return new window.Chart(canvas, {
        type: 'bar',
        data: { labels: series.labels, datasets: [{ data: series.values, backgroundColor: series.statuses.map(function (s) { return colours[s]; }) }] },
        options: Object.assign(common, { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } })
      });
    }
    if (kind === 'trend') {
      common.plugins.tooltip.callbacks.label = function (ctx) { return percent(ctx.parsed.y); };
      return new window.Chart(canvas, {
        type: 'line',
        data: { labels: series.labels, datasets: [{ data: series.values, borderColor: '#0066cc', backgroundColor: '#0066cc', pointBackgroundColor: series.statuses.map(function (s) { return colours[s]; }), pointRadius: 5 }] },
        options: Object.assign(common, { scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + ' %'; } } } } })
      });
    }
    common.plugins.tooltip.callbacks.label = function (ctx) { return percent(ctx.parsed.x); };
    return new window.Chart(canvas, {
      type: 'bar',
      data: { labels: series.labels, datasets: [{ data: series.values, backgroundColor: series.statuses.map(function (s) { return colours[s]; }) }] },
      options: Object.assign(common, { indexAxis: 'y', scales: { x: { min: 0, max: 100, ticks: { callback: function (v) { return v + ' %'; } } } } })
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.Chart) { return; }
    document.querySelectorAll('script[type="application/json"][data-charts], #dashboard-data, #objective-charts, #trend-data').forEach(function (block) {
      var data = read(block.id);
      if (!data) { return; }
      document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var series = data[canvas.getAttribute('data-chart')];
        if (series && series.labels && series.labels.length > 0 && (!series.datasets || series.datasets.length > 0)) {
          draw(canvas, series);
        }
      });
    });
  });
})();
