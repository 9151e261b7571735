// Radio staff pages: script length counter, confirm before emergency broadcast,
// and a gentle refresh while audio is being synthesised. No inline handlers (strict CSP).
(function () {
  "use strict";

  function counter() {
    var area = document.querySelector("textarea[data-radio-counter]");
    var out = document.getElementById("script-counter");
    if (!area || !out) return;
    var max = parseInt(area.getAttribute("data-radio-counter"), 10);
    function update() {
      var n = area.value.length;
      var words = area.value.trim() ? area.value.trim().split(/\s+/).length : 0;
      var minutes = Math.max(0, Math.round((words / 150) * 10) / 10);
      out.textContent = n.toLocaleString("vi-VN") + " / " + max.toLocaleString("vi-VN") +
        " ký tự · khoảng " + minutes.toLocaleString("vi-VN") + " phút đọc";
      out.classList.toggle("radio-over", n > max);
    }
    area.addEventListener("input", update);
    update();
  }

  function confirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  function refresh() {
    var busy = document.querySelector("[data-radio-refresh]");
    if (!busy) return;
    var seconds = parseInt(busy.getAttribute("data-radio-refresh"), 10) || 5;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    counter();
    confirmations();
    refresh();
  });
})();
