// Ask before destructive task actions (forms marked class="confirm" data-confirm="…").
// Loaded as a file: the site's CSP forbids inline handlers.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.classList.contains("confirm")) {
    if (!window.confirm(form.dataset.confirm || "")) {
      event.preventDefault();
    }
  }
});

// Commendation form: show only the subject picker that matches the chosen kind.
function syncSubjectFields(form) {
  const kind = form.querySelector("[name=subject_kind]");
  if (!kind) return;
  for (const name of ["org_unit", "village", "team", "person"]) {
    const wrap = form.querySelector(`[data-field="${name}"]`);
    if (wrap) wrap.hidden = kind.value !== "" && kind.value !== name;
  }
}
document.querySelectorAll("form.subject-form").forEach((form) => {
  syncSubjectFields(form);
  form.addEventListener("change", () => syncSubjectFields(form));
});
