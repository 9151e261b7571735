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

// Commendation form: search the commune's verified activities as one types, without
// reloading the page. Without this file the "Tìm" button reloads the page with the matches
// (progressive enhancement). Loaded as a file: the site's CSP forbids inline scripts.
document.querySelectorAll(".activity-picker[data-search-url]").forEach((picker) => {
  const url = picker.dataset.searchUrl;
  const form = picker.closest("form");
  const input = picker.querySelector("input[name=q]");
  const find = picker.querySelector("[data-role=find]");
  const only = picker.querySelector("input[name=only_subject]");
  const selected = picker.querySelector("[data-role=selected]");
  const results = picker.querySelector("[data-role=results]");
  if (!url || !form || !input || !selected || !results) return;
  let timer = null;
  let controller = null;

  function params() {
    const p = new URLSearchParams();
    p.set("q", input.value);
    selected.querySelectorAll("input[name=activities]:checked").forEach((box) => {
      p.append("selected", box.value);
    });
    const kind = form.querySelector("[name=subject_kind]");
    if (only && only.checked && kind && kind.value) {
      p.set("only_subject", "1");
      p.set("subject_kind", kind.value);
      const subject = form.querySelector(`[name="${kind.value}"]`);
      if (subject) p.set(kind.value, subject.value);
    }
    return p;
  }

  // `fallback`: asked for by the button or Enter — if the request fails, submit the search
  // the way it works without JavaScript (the page comes back with the matches).
  function search(fallback = false) {
    window.clearTimeout(timer);
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(`${url}?${params()}`, { signal: controller.signal, credentials: "same-origin" })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((html) => {
        // A fragment rendered (and escaped) by the server's template.
        results.innerHTML = html;
      })
      .catch((err) => {
        if (err.name !== "AbortError" && fallback && find) form.requestSubmit(find);
      });
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 300);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault(); // search, do not submit the form
      search(true);
    }
  });
  if (find) {
    find.addEventListener("click", (event) => {
      event.preventDefault();
      search(true);
    });
  }
  if (only) only.addEventListener("change", () => search());
  // A ticked match joins the chosen list, so the next search keeps it.
  results.addEventListener("change", (event) => {
    const box = event.target;
    if (box instanceof HTMLInputElement && box.name === "activities" && box.checked) {
      const item = box.closest("li");
      if (item) selected.appendChild(item);
      selected.hidden = false;
    }
  });
});
