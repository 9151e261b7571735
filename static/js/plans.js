// Plan section editor: ↑ ↓ buttons that move an item and renumber the formset's ORDER
// fields, so the order the user sees is the order that is saved. Without JS the ORDER
// number inputs still work.
(function () {
  "use strict";
  function isBlank(li) {
    // An empty "add one more" item: nothing typed in any field but its order.
    var fields = li.querySelectorAll("input[type=text], input[type=number], input[type=date], textarea");
    return Array.prototype.every.call(fields, function (f) {
      // Untouched defaults count as blank: the amount of a new funding source starts at 0.
      return /-ORDER$/.test(f.name) || f.value.trim() === "" || f.value === f.defaultValue;
    });
  }
  function renumber(list) {
    var n = 0;
    list.querySelectorAll(":scope > li").forEach(function (li) {
      var order = li.querySelector("input[name$='-ORDER']");
      if (!order) { return; }
      // Leave a blank new item without an order, so the server sees it unchanged.
      if (li.hasAttribute("data-extra") && isBlank(li)) { order.value = ""; return; }
      n += 1;
      order.value = String(n);
    });
  }
  function button(label, title, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary plan-move";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", onClick);
    return b;
  }
  document.querySelectorAll("[data-reorder]").forEach(function (list) {
    var upText = list.getAttribute("data-up") || "Lên";
    var downText = list.getAttribute("data-down") || "Xuống";
    list.querySelectorAll(":scope > li").forEach(function (li) {
      var bar = document.createElement("div");
      bar.className = "actions plan-move-bar";
      bar.appendChild(button("↑", upText, function () {
        var prev = li.previousElementSibling;
        if (prev) { list.insertBefore(li, prev); renumber(list); li.querySelector(".plan-move").focus(); }
      }));
      bar.appendChild(button("↓", downText, function () {
        var next = li.nextElementSibling;
        if (next) { list.insertBefore(next, li); renumber(list); }
      }));
      li.insertBefore(bar, li.firstChild);
    });
    renumber(list);
    var form = list.closest("form");
    if (form) { form.addEventListener("submit", function () { renumber(list); }); }
  });
})();
