// Crm — progressive enhancement only; every page works without this file.
(function () {
    "use strict";
    // Focus the first invalid field after a failed server-side validation, for keyboard users.
    document.addEventListener("DOMContentLoaded", function () {
        var invalid = document.querySelector(".input-validation-error");
        if (invalid && typeof invalid.focus === "function") {
            invalid.focus();
        }
    });
})();
