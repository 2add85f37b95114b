// Crm — progressive enhancement only; every page works without this file.
(function () {
    "use strict";
    // Focus the first invalid field after a failed server-side validation, for keyboard users.
    document.addEventListener("DOMContentLoaded", function () {
        var invalid = document.querySelector(".input-validation-error");
        if (invalid && typeof invalid.focus === "function") {
            invalid.focus();
        }

        // The customer 360's tabs are pages (?tab=); a link from before that named a tab by its fragment
        // alone (…/Details/5#interactions, e.g. in an older reminder) is taken to that tab.
        var tabs = document.querySelector("[data-testid=customer-tabs]");
        if (tabs && location.hash && location.search.indexOf("tab=") < 0) {
            var links = tabs.querySelectorAll("a.nav-link:not(.active)");
            for (var i = 0; i < links.length; i++) {
                if (links[i].hash === location.hash) {
                    location.replace(links[i].href);
                    break;
                }
            }
        }
    });
})();
