/* Quick entry on a phone: keep what was typed in localStorage, and the chosen photo in
   IndexedDB, until the server has it. CSP-safe (no inline code). The draft also keeps the
   client token, so sending the same draft again after a dropped connection cannot create a
   second activity. */
(function () {
  "use strict";
  var store = null;
  try { store = window.localStorage; store.setItem("loalang:probe", "1"); store.removeItem("loalang:probe"); }
  catch (e) { store = null; }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function load(key) {
    if (!store) { return null; }
    try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; }
  }

  /* Photos: a file input cannot be refilled from localStorage, so the chosen files are kept
     as Blobs in IndexedDB under the draft key and put back with a DataTransfer. Any failure
     (private mode, old browser, storage full) only means the photo must be chosen again. */
  var DB = null;
  function photos(mode, key, value) {
    return new Promise(function (resolve) {
      function run(db) {
        try {
          var tx = db.transaction("files", mode === "get" ? "readonly" : "readwrite");
          var os = tx.objectStore("files");
          var req = mode === "get" ? os.get(key) : (mode === "put" ? os.put(value, key) : os.delete(key));
          req.onsuccess = function () { resolve(mode === "get" ? (req.result || null) : true); };
          req.onerror = function () { resolve(null); };
        } catch (e) { resolve(null); }
      }
      if (DB) { run(DB); return; }
      if (!window.indexedDB) { resolve(null); return; }
      try {
        var open = window.indexedDB.open("loalang-drafts", 1);
        open.onupgradeneeded = function () { open.result.createObjectStore("files"); };
        open.onsuccess = function () { DB = open.result; run(DB); };
        open.onerror = function () { resolve(null); };
      } catch (e) { resolve(null); }
    });
  }

  var done = document.getElementById("quick-done");
  if (done) {
    var doneKey = done.getAttribute("data-clear-draft");
    var saved = load(doneKey);
    if (!saved || !done.getAttribute("data-token") || saved.token === done.getAttribute("data-token")) {
      if (store) { store.removeItem(doneKey); }
      photos("delete", doneKey);
    }
    return;
  }

  var form = document.getElementById("quick-form");
  if (!form) { return; }
  var key = form.getAttribute("data-draft-key");
  var status = document.getElementById("draft-status");
  var token = form.elements.namedItem("token");

  function say(text) { status.textContent = text; status.hidden = !text; }

  function save() {
    if (!store) { return; }
    var data = { token: token.value, fields: {}, themes: [] };
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "file" || el.type === "hidden" || el.type === "submit") { return; }
      if (el.type === "checkbox") { if (el.checked) { data.themes.push(el.value); } return; }
      data.fields[el.name] = el.value;
    });
    try { store.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full: nothing to do */ }
  }

  var draft = load(key);
  if (draft && draft.token) {
    if (!token.value || form.querySelector(".errorlist") === null) {
      token.value = draft.token;
      Object.keys(draft.fields || {}).forEach(function (name) {
        var el = form.elements.namedItem(name);
        if (el && el.type !== "file" && draft.fields[name] !== "") { el.value = draft.fields[name]; }
      });
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (el) {
        el.checked = (draft.themes || []).indexOf(el.value) !== -1;
      });
      if (draft.fields && draft.fields.title) { say(form.getAttribute("data-msg-restored")); }
    }
  }
  if (!token.value) { token.value = uuid(); }
  save();

  var fileInput = form.querySelector("input[type=file]");
  var MAX_KEPT = 25 * 1024 * 1024;  // a few phone photos; beyond that, choose again
  function keepPhotos() {
    var files = Array.prototype.slice.call(fileInput.files || []);
    var size = files.reduce(function (n, f) { return n + f.size; }, 0);
    if (!files.length || size > MAX_KEPT) { photos("delete", key); return; }
    photos("put", key, {
      token: token.value,
      files: files.map(function (f) { return { name: f.name, type: f.type, modified: f.lastModified, blob: f }; })
    });
  }
  if (fileInput) {
    fileInput.addEventListener("change", keepPhotos);
    if (!fileInput.files || !fileInput.files.length) {
      photos("get", key).then(function (kept) {
        if (!kept || kept.token !== token.value || !kept.files || !kept.files.length) { return; }
        try {
          var dt = new DataTransfer();
          kept.files.forEach(function (f) {
            dt.items.add(new File([f.blob], f.name, { type: f.type, lastModified: f.modified }));
          });
          fileInput.files = dt.files;
          say(form.getAttribute("data-msg-photo-restored").replace("%(n)s", String(dt.files.length)));
        } catch (e) { /* no DataTransfer: the photo must be chosen again */ }
      });
    }
  }

  window.addEventListener("online", function () {
    var near = document.getElementById("submit-status");
    if (near) { near.hidden = true; near.textContent = ""; }
  });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) {
    save();
    if (navigator.onLine === false) {
      event.preventDefault();
      var near = document.getElementById("submit-status");
      if (near) {
        near.textContent = form.getAttribute("data-msg-offline");
        near.hidden = false;
        near.scrollIntoView({ block: "nearest" });
      } else {
        say(form.getAttribute("data-msg-offline"));
      }
      return;
    }
    var button = document.getElementById("quick-submit");
    button.disabled = true;
    window.setTimeout(function () { button.disabled = false; }, 8000);
  });
})();
