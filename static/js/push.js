// Web Push on the notification settings page: register the site's service worker, subscribe
// with the site's VAPID key and send the subscription to the server (ADR 0100).
(function () {
  "use strict";
  var box = document.getElementById("push");
  if (!box) return;
  var status = box.querySelector("[data-push-status]");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  function say(text) { status.textContent = text; }
  function keyBytes(base64url) {
    var pad = "=".repeat((4 - (base64url.length % 4)) % 4);
    var raw = atob((base64url + pad).replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : ""},
      body: JSON.stringify(body)
    }).then(function (r) { return r.json(); });
  }
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
    say(box.dataset.msgUnsupported);
    box.querySelectorAll("[data-push]").forEach(function (b) { b.disabled = true; });
    return;
  }
  box.querySelector("[data-push=on]").addEventListener("click", function () {
    say(box.dataset.msgWorking);
    navigator.serviceWorker.register(box.dataset.swUrl, {scope: "/"}).then(function (reg) {
      return Notification.requestPermission().then(function (answer) {
        if (answer !== "granted") throw new Error(box.dataset.msgDenied);
        return reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.vapidKey)});
      });
    }).then(function (sub) {
      return post(box.dataset.subscribeUrl, sub.toJSON());
    }).then(function (answer) {
      say(answer.ok ? answer.message : answer.error);
    }).catch(function (err) { say(box.dataset.msgFailed + " " + err.message); });
  });
  box.querySelector("[data-push=off]").addEventListener("click", function () {
    navigator.serviceWorker.getRegistration("/").then(function (reg) {
      return reg ? reg.pushManager.getSubscription() : null;
    }).then(function (sub) {
      if (!sub) { say(box.dataset.msgNone); return null; }
      return post(box.dataset.unsubscribeUrl, {endpoint: sub.endpoint}).then(function () {
        return sub.unsubscribe();
      }).then(function () { say(box.dataset.msgOff); });
    }).catch(function (err) { say(box.dataset.msgFailed + " " + err.message); });
  });
})();
