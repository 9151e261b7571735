// The site script, loaded on every page by base.html (ADR 0090). Loaded as a file: the site's
// CSP forbids inline handlers. Page-specific behaviour lives in static/js/<app>.js.

// Ask before an action that cannot be undone: <form data-confirm="Xoá …?">.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm) {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }
});
