/*
 * Pdo – small progressive enhancements. The pages work without this file.
 *
 * Loaded at the end of <body>, BEFORE bootstrap-italia.bundle.min.js (see _Layout.cshtml):
 *  - the bundle contains video.js, which on load injects an inline <style class="vjs-styles-defaults">
 *    unless window.VIDEOJS_NO_DYNAMIC_STYLE is true; the CSP (style-src 'self') would block it and log a
 *    violation on every page, so the flag is set here, before the bundle runs;
 *  - everything else waits for DOMContentLoaded, which fires after the bundle (and the page's Scripts
 *    section) have run, so window.bootstrap is available there.
 *
 * The CSP forbids inline scripts and on…= handlers, so behaviour is attached through data- attributes:
 *   <button type="button" class="btn btn-outline-primary d-none" data-pdo-print>Stampa</button>
 *       prints the page (keep `d-none`: this file removes it, so the button only shows when it works);
 *   <form … data-pdo-confirm="Eliminare il piano?">
 *       asks for confirmation before submitting;
 *   <div id="form-errors" role="alert" tabindex="-1"> (an error summary)
 *       receives the focus when the page loads.
 *
 * Do NOT call bootstrap.loadFonts(): it injects an inline <style> (blocked by the CSP).
 * The fonts are declared in /css/fonts.css.
 */
window.VIDEOJS_NO_DYNAMIC_STYLE = true;

document.addEventListener('DOMContentLoaded', function () {
  'use strict';

  // A form came back with errors: move the focus to the error summary (role="alert", tabindex="-1") so that
  // screen readers read it at once and keyboard users start from the list of links to the fields.
  var errors = document.getElementById('form-errors');
  if (errors) {
    errors.focus();
  }

  document.querySelectorAll('[data-pdo-print]').forEach(function (el) {
    el.classList.remove('d-none');
    el.addEventListener('click', function () {
      window.print();
    });
  });

  // On paper every chart's data table is shown (a closed <details> would hide it).
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details.chart-data').forEach(function (details) { details.open = true; });
  });

  document.querySelectorAll('form[data-pdo-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-pdo-confirm'))) {
        event.preventDefault();
      }
    });
  });
});
