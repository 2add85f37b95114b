// Pipeline board: drag a card to another stage (SortableJS). The drop posts the card's move with the
// page's antiforgery token and the card's version; the server answers the new state and the column
// totals, or a message, and the card goes back. Every card also carries a plain form that does the same
// without this file. Dropping on "lost" opens the opportunity's page, where a reason is required.
(function () {
    'use strict';
    const board = document.querySelector('[data-pipeline]');
    if (!board || typeof window.Sortable === 'undefined') {
        return;
    }
    const moveUrl = board.getAttribute('data-move-url');
    const token = board.querySelector('input[name="__RequestVerificationToken"]');
    const status = document.querySelector('[data-pipeline-status]');
    const failedText = board.getAttribute('data-error-text') || '';

    function say(text, ok) {
        if (!status) {
            return;
        }
        status.textContent = text;
        status.classList.remove('alert-success', 'alert-danger');
        status.classList.add(ok ? 'alert-success' : 'alert-danger');
        status.hidden = false;
    }

    function putBack(evt) {
        const reference = evt.from.children[evt.oldIndex] || null;
        evt.from.insertBefore(evt.item, reference);
    }

    function showTotals(totals) {
        (totals || []).forEach(function (t) {
            const box = board.querySelector('[data-totals="' + t.stage + '"]');
            if (!box) {
                return;
            }
            box.querySelector('[data-count]').textContent = t.count;
            box.querySelector('[data-amount]').textContent = t.amount;
            box.querySelector('[data-weighted]').textContent = t.weightedAmount;
        });
    }

    function showCard(card, data) {
        card.setAttribute('data-version', data.version);
        card.querySelectorAll('input[name="version"]').forEach(function (input) { input.value = data.version; });
        const select = card.querySelector('select[name="stage"]');
        if (select) {
            select.value = data.stage;
        }
        const probability = card.querySelector('[data-probability]');
        if (probability) {
            probability.textContent = data.probability + '%';
        }
        const days = card.querySelector('[data-days]');
        if (days) {
            days.textContent = data.daysText;
        }
    }

    async function moved(evt) {
        if (evt.from === evt.to) {
            return;
        }
        const card = evt.item;
        const stage = evt.to.getAttribute('data-stage');
        if (stage === 'Lost') {
            putBack(evt);
            window.location.assign(card.getAttribute('data-lose-url'));
            return;
        }

        const body = new URLSearchParams();
        body.set('__RequestVerificationToken', token ? token.value : '');
        body.set('id', card.getAttribute('data-id'));
        body.set('stage', stage);
        body.set('version', card.getAttribute('data-version'));
        body.set('ownerId', board.getAttribute('data-owner-id') || '');
        body.set('campaignId', board.getAttribute('data-campaign-id') || '');

        board.setAttribute('aria-busy', 'true');
        let response = null;
        let data = null;
        try {
            response = await fetch(moveUrl, {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
                body: body.toString(),
            });
            data = await response.json();
        } catch (e) {
            // A network failure or a non-JSON answer (an expired form, a refused permission) is shown below.
        }
        board.removeAttribute('aria-busy');

        if (!response || !response.ok || !data) {
            putBack(evt);
            say(data && data.message ? data.message : failedText, false);
            return;
        }
        if (data.closed) {
            card.remove();
        } else {
            showCard(card, data);
        }
        showTotals(data.totals);
        say(data.message, true);
    }

    board.querySelectorAll('[data-stage-list]').forEach(function (list) {
        window.Sortable.create(list, {
            group: 'pipeline',
            sort: false,
            animation: 150,
            draggable: '[data-card]',
            // Controls inside a card keep working: a drag never starts on them.
            filter: 'a, input, select, textarea, button, label, option',
            preventOnFilter: false,
            ghostClass: 'pipeline-ghost',
            onEnd: moved,
        });
    });
})();
