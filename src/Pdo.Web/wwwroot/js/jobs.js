// The job page (/lavori/{id}): while the job runs, asks the server for its state every second, moves the
// progress bar and the status line, and reloads the page once the job has ended (download link or outcome).
(function () {
    'use strict';
    var job = document.getElementById('job');
    if (!job || job.getAttribute('data-running') !== 'true' || !window.fetch) {
        return;
    }

    var url = job.getAttribute('data-status-url');
    var bar = document.getElementById('job-progress');
    var status = document.getElementById('job-status');

    function poll() {
        fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (state) {
                if (!state) {
                    return;
                }

                if (state.finished) {
                    window.location.reload();
                    return;
                }

                if (bar && state.total > 0) {
                    bar.max = state.total;
                    bar.value = state.done;
                }

                if (status && status.textContent !== state.text) {
                    status.textContent = state.text;
                }

                window.setTimeout(poll, 1000);
            })
            .catch(function () { window.setTimeout(poll, 3000); });
    }

    window.setTimeout(poll, 500);
})();
