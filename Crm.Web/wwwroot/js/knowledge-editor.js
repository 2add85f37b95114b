// Knowledge article answer: a small toolbar that wraps the selected text of the textarea in HTML tags.
// Progressive enhancement only; without script the editor types HTML. The server sanitizes what is saved.
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("[data-editor-toolbar]").forEach(function (toolbar) {
            var area = document.getElementById(toolbar.getAttribute("data-editor-toolbar"));
            if (!area) {
                return;
            }
            toolbar.hidden = false;
            var replace = function (before, after) {
                var start = area.selectionStart, end = area.selectionEnd;
                var text = area.value.substring(start, end);
                area.setRangeText(before + text + after, start, end, "select");
                area.focus();
            };
            toolbar.querySelectorAll("[data-wrap]").forEach(function (button) {
                button.addEventListener("click", function () {
                    var tag = button.getAttribute("data-wrap");
                    replace("<" + tag + ">", "</" + tag + ">");
                });
            });
            toolbar.querySelectorAll("[data-list]").forEach(function (button) {
                button.addEventListener("click", function () {
                    var start = area.selectionStart, end = area.selectionEnd;
                    var lines = area.value.substring(start, end).split(/\r?\n/).filter(function (l) { return l.trim() !== ""; });
                    var items = lines.map(function (l) { return "  <li>" + l.trim() + "</li>"; }).join("\n");
                    area.setRangeText("<ul>\n" + items + "\n</ul>", start, end, "select");
                    area.focus();
                });
            });
            toolbar.querySelectorAll("[data-link]").forEach(function (button) {
                button.addEventListener("click", function () {
                    var url = window.prompt("URL", "https://");
                    if (url) {
                        replace("<a href=\"" + url.replace(/"/g, "&quot;") + "\">", "</a>");
                    }
                });
            });
        });
    });
})();
