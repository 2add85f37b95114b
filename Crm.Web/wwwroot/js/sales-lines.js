// Quotes and orders — progressive enhancement only; the pages work without this file.
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        // The print button shows only where script can print; without it the browser's own print works.
        document.querySelectorAll("[data-print]").forEach(function (button) {
            button.hidden = false;
            button.addEventListener("click", function () { window.print(); });
        });

        // Choosing a product shows its list price as the unit price field's hint (the field stays empty,
        // so the price of the chosen price type applies unless the user types one).
        var product = document.querySelector("[data-sales-product]");
        var price = document.querySelector("[data-sales-unit-price]");
        if (product && price) {
            var original = price.getAttribute("placeholder") || "";
            var update = function () {
                var option = product.options[product.selectedIndex];
                var list = option ? option.getAttribute("data-list-price") : null;
                price.setAttribute("placeholder", list ? list : original);
            };
            product.addEventListener("change", update);
            update();
        }
    });
})();
