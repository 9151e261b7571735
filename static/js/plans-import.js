// Plan import review: an unplaced paragraph can be dragged onto any text field; it is
// appended there and struck from the "unplaced" box. Without JS, cut and paste does the same.
(function () {
  "use strict";
  var box = document.querySelector("#section-unplaced textarea");
  document.querySelectorAll("[data-unplaced]").forEach(function (item) {
    item.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", item.textContent.trim());
      event.dataTransfer.effectAllowed = "copy";
      window.loalangDragged = item;
    });
  });
  document.querySelectorAll(".import-review textarea, .import-review input[type=text]").forEach(function (field) {
    if (field === box) { return; }
    field.addEventListener("dragover", function (event) { event.preventDefault(); });
    field.addEventListener("drop", function (event) {
      var item = window.loalangDragged;
      if (!item) { return; }
      event.preventDefault();
      var text = item.textContent.trim();
      field.value = field.value.trim() ? field.value.replace(/\s+$/, "") + (field.tagName === "TEXTAREA" ? "\n" : " ") + text : text;
      if (box) { box.value = box.value.replace(text, "").replace(/\n{3,}/g, "\n\n").trim(); }
      item.remove();
      window.loalangDragged = null;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
})();
