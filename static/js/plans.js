// Plan section editor: ↑ ↓ buttons that move an item and renumber the formset's ORDER
// fields, so the order the user sees is the order that is saved. Without JS the ORDER
// number inputs still work.
(function () {
  "use strict";
  function renumber(list) {
    var items = list.querySelectorAll(":scope > li");
    items.forEach(function (li, i) {
      var order = li.querySelector("input[name$='-ORDER']");
      if (order) { order.value = String(i + 1); }
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
  });
})();
