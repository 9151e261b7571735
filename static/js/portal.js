// Public portal: share and copy links, print. No inline scripts (strict CSP).
(function () {
  "use strict";
  var share = document.querySelector(".js-share");
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: share.dataset.title, url: share.dataset.url }).catch(function () {});
    });
  }
  var copy = document.querySelector(".js-copy");
  var status = document.querySelector(".js-copy-status");
  if (copy) {
    copy.addEventListener("click", function () {
      var done = function () { if (status) { status.textContent = copy.dataset.done; } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(copy.dataset.url).then(done, function () {});
      } else {
        var area = document.createElement("textarea");
        area.value = copy.dataset.url;
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); done(); } catch (e) { /* nothing to do */ }
        area.remove();
      }
    });
  }
  var print = document.querySelector(".js-print");
  if (print) { print.addEventListener("click", function () { window.print(); }); }
})();
