// Loa Làng service worker: shows Web Push messages and opens their link (ADR 0100).
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {body: event.data.text()}; }
  event.waitUntil(self.registration.showNotification(data.title || "Loa Làng", {
    body: data.body || "", icon: "{{ icon }}", badge: "{{ icon }}", data: {url: data.url || "/app/"}
  }));
});
self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
