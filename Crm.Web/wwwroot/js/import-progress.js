// Import progress: polls the job's status and moves the bar; reloads the page for the result report
// once the job has finished. Without JavaScript the page offers a refresh link instead.
(function () {
    'use strict';
    const panel = document.querySelector('[data-import-status-url]');
    if (!panel) {
        return;
    }
    const url = panel.getAttribute('data-import-status-url');
    const bar = panel.querySelector('[data-import-bar]');
    const container = panel.querySelector('[data-import-bar-container]');
    const text = panel.querySelector('[data-import-text]');
    const status = panel.querySelector('[data-import-status]');

    function show(state) {
        bar.style.width = state.percent + '%';
        container.setAttribute('aria-valuenow', String(state.percent));
        status.textContent = state.statusText;
        if (state.status !== 'Queued') {
            text.textContent = state.progressText;
        }
    }

    async function poll() {
        try {
            const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (response.ok) {
                const state = await response.json();
                show(state);
                if (state.finished) {
                    window.location.reload();
                    return;
                }
            }
        } catch (e) {
            // A dropped request is retried at the next tick.
        }
        window.setTimeout(poll, 1500);
    }

    bar.style.width = (container.getAttribute('aria-valuenow') || '0') + '%';
    window.setTimeout(poll, 1000);
})();
