// Rich-text editor for article bodies (ADR 0047): progressive enhancement of a
// <textarea data-richtext>. Without this script the textarea works as plain text and the server
// turns blank lines into paragraphs. The server's allow-list (portal/richtext.py, ADR 0042) is
// the real guard; the cleaning here only keeps the editor's own document tidy (Word's styles,
// <o:p>, spans and comments never reach the editing area). No inline scripts or styles (CSP).
(function () {
  "use strict";
  if (!window.Squire) { return; }

  // Mirrors portal/richtext.py TAGS (+ DIV, which the server turns into paragraphs).
  var KEEP = {
    P: [], BR: [], B: [], STRONG: [], I: [], EM: [], U: [], S: [], SUB: [], SUP: [],
    UL: [], OL: [], LI: [], H2: [], H3: [], H4: [], BLOCKQUOTE: [], HR: [],
    A: ["href", "title"], IMG: ["src", "alt", "width", "height"], FIGURE: [], FIGCAPTION: [],
    TABLE: [], CAPTION: [], THEAD: [], TBODY: [], TFOOT: [], TR: [],
    TH: ["scope", "colspan", "rowspan"], TD: ["colspan", "rowspan"]
  };
  var RENAME = { H1: "H2", H5: "H4", H6: "H4", DIV: "P" };
  var DROP = { SCRIPT: 1, STYLE: 1, XML: 1, META: 1, LINK: 1, TITLE: 1, IFRAME: 1, OBJECT: 1,
               EMBED: 1, SVG: 1, MATH: 1, TEMPLATE: 1, NOSCRIPT: 1, HEAD: 1 };
  var SAFE_URL = /^(https?:|mailto:|tel:|\/|#)/i;

  function cleanNode(node, doc) {
    var child = node.firstChild;
    while (child) {
      var next = child.nextSibling;
      if (child.nodeType === 8) { node.removeChild(child); }            // comments
      else if (child.nodeType === 1) {
        var name = child.nodeName.toUpperCase();
        if (DROP[name]) { node.removeChild(child); }
        else {
          cleanNode(child, doc);
          var target = RENAME[name] || name;
          if (!KEEP[target]) {                                          // unwrap: keep the words
            while (child.firstChild) { node.insertBefore(child.firstChild, child); }
            node.removeChild(child);
          } else {
            var el = child;
            if (target !== name) {
              el = doc.createElement(target);
              while (child.firstChild) { el.appendChild(child.firstChild); }
              node.replaceChild(el, child);
            }
            var allowed = KEEP[target];
            Array.prototype.slice.call(el.attributes).forEach(function (a) {
              if (allowed.indexOf(a.name.toLowerCase()) === -1) { el.removeAttribute(a.name); }
            });
            var url = el.getAttribute("href");
            if (url !== null && !SAFE_URL.test(url.trim())) { el.removeAttribute("href"); }
            var src = el.getAttribute("src");
            if (target === "IMG" && (!src || src.indexOf("/media/") !== 0)) { node.removeChild(el); }
          }
        }
      }
      child = next;
    }
  }

  function sanitizeToFragment(html) {
    // An inert document: nothing in the pasted HTML runs or loads while we clean it.
    var inert = document.implementation.createHTMLDocument("");
    inert.body.innerHTML = html;
    cleanNode(inert.body, inert);
    var frag = document.createDocumentFragment();
    while (inert.body.firstChild) { frag.appendChild(document.importNode(inert.body.firstChild, true)); inert.body.removeChild(inert.body.firstChild); }
    return frag;
  }

  function setBlock(editor, tag) {
    editor.forEachBlock(function (block) {
      if (/^(P|H2|H3|H4|DIV)$/.test(block.nodeName) && block.nodeName !== tag) {
        var repl = document.createElement(tag);
        while (block.firstChild) { repl.appendChild(block.firstChild); }
        block.parentNode.replaceChild(repl, block);
      }
    }, true);
    editor.focus();
  }

  function button(label, title, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "rte-btn secondary";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.dataset.action = action;
    return b;
  }

  function enhance(area) {
    var labels = JSON.parse(area.dataset.richtext || "{}");
    var images = [];
    var imagesNode = area.dataset.images && document.getElementById(area.dataset.images);
    if (imagesNode) { images = JSON.parse(imagesNode.textContent); }
    var label = document.querySelector("label[for='" + area.id + "']");

    var wrap = document.createElement("div");
    wrap.className = "rte";
    var bar = document.createElement("div");
    bar.className = "rte-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", labels.toolbar || "");
    var tools = [
      ["¶", labels.paragraph, "p"], ["H", labels.heading, "h2"], ["h", labels.subheading, "h3"],
      ["B", labels.bold, "bold"], ["I", labels.italic, "italic"],
      ["•", labels.bullets, "ul"], ["1.", labels.numbers, "ol"],
      [labels.link_short || "URL", labels.link, "link"], [labels.image_short || "IMG", labels.image, "image"],
      ["⌫", labels.clear, "clear"], ["↶", labels.undo, "undo"], ["↷", labels.redo, "redo"]
    ];
    tools.forEach(function (t) {
      if (t[2] === "image" && !images.length) { return; }
      bar.appendChild(button(t[0], t[1] || t[0], t[2]));
    });
    var pickImage = null;
    if (images.length) {
      pickImage = document.createElement("select");
      pickImage.className = "rte-images";
      pickImage.hidden = true;
      pickImage.setAttribute("aria-label", labels.image || "");
      var first = document.createElement("option");
      first.value = ""; first.textContent = labels.choose_image || "";
      pickImage.appendChild(first);
      images.forEach(function (img) {
        var o = document.createElement("option");
        o.value = img.src; o.textContent = img.alt; o.dataset.alt = img.alt;
        pickImage.appendChild(o);
      });
      bar.appendChild(pickImage);
    }
    var root = document.createElement("div");
    root.className = "rte-area";
    root.id = area.id + "-editor";
    root.setAttribute("role", "textbox");
    root.setAttribute("aria-multiline", "true");
    if (label) { if (!label.id) { label.id = area.id + "-label"; } root.setAttribute("aria-labelledby", label.id); }
    var help = area.getAttribute("aria-describedby");
    if (help) { root.setAttribute("aria-describedby", help); }
    wrap.appendChild(bar);
    wrap.appendChild(root);
    area.parentNode.insertBefore(wrap, area);
    area.hidden = true;

    var editor = new window.Squire(root, {
      blockTag: "P",
      sanitizeToDOMFragment: sanitizeToFragment,
      tagAttributes: { a: { rel: "noopener noreferrer nofollow" } }
    });
    var start = area.value.trim();
    if (start && !/<(p|h[1-6]|ul|ol|table|blockquote|div|br)\b/i.test(start)) {
      // A body typed as plain text before the editor existed: one paragraph per blank line.
      start = start.split(/\n\s*\n/).map(function (para) {
        var span = document.createElement("span");
        span.textContent = para.trim();
        return "<p>" + span.innerHTML.replace(/\n/g, "<br>") + "</p>";
      }).join("");
    }
    editor.setHTML(start);
    if (label) { label.addEventListener("click", function () { editor.focus(); }); }

    function sync() { area.value = editor.getHTML(); }
    editor.addEventListener("input", sync);
    if (area.form) { area.form.addEventListener("submit", sync); }

    bar.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-action]");
      if (!b) { return; }
      var act = b.dataset.action;
      if (act === "p") { setBlock(editor, "P"); }
      else if (act === "h2") { setBlock(editor, "H2"); }
      else if (act === "h3") { setBlock(editor, "H3"); }
      else if (act === "bold") { if (editor.hasFormat("B")) { editor.removeBold(); } else { editor.bold(); } }
      else if (act === "italic") { if (editor.hasFormat("I")) { editor.removeItalic(); } else { editor.italic(); } }
      else if (act === "ul") { if (editor.hasFormat("UL")) { editor.removeList(); } else { editor.makeUnorderedList(); } }
      else if (act === "ol") { if (editor.hasFormat("OL")) { editor.removeList(); } else { editor.makeOrderedList(); } }
      else if (act === "link") {
        if (editor.hasFormat("A")) { editor.removeLink(); }
        else {
          var url = window.prompt(labels.link_prompt || "URL", "https://");
          if (url && SAFE_URL.test(url.trim())) { editor.makeLink(url.trim()); }
        }
      }
      else if (act === "image" && pickImage) { pickImage.hidden = !pickImage.hidden; if (!pickImage.hidden) { pickImage.focus(); } }
      else if (act === "clear") { editor.removeAllFormatting(); }
      else if (act === "undo") { editor.undo(); }
      else if (act === "redo") { editor.redo(); }
      sync();
    });
    if (pickImage) {
      pickImage.addEventListener("change", function () {
        var o = pickImage.selectedOptions[0];
        if (o && o.value) { editor.insertImage(o.value, { alt: o.dataset.alt }); sync(); }
        pickImage.value = ""; pickImage.hidden = true;
      });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-richtext]"), enhance);
})();
