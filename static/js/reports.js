// Report period form: show only the fields the chosen period needs (month, quarter, half,
// custom dates) and the requesting document for ad-hoc reports. Works without JS too: the
// server ignores the fields a period does not use.
(function () {
  "use strict";
  var form = document.querySelector("[data-report-period-form]");
  if (!form) return;
  var period = form.querySelector("[name=period]");
  var kind = form.querySelector("[name=kind]");
  var needs = {
    month: ["month"],
    quarter: ["quarter"],
    half: ["half"],
    year: [],
    custom: ["date_from", "date_to"],
  };
  var optional = ["month", "quarter", "half", "date_from", "date_to"];

  function show(name, visible) {
    var box = form.querySelector('[data-field="' + name + '"]');
    if (box) box.hidden = !visible;
  }

  function update() {
    var wanted = needs[period.value] || [];
    optional.forEach(function (name) {
      show(name, wanted.indexOf(name) !== -1);
    });
    show("year", period.value !== "custom");
    show("request_reference", kind.value === "ad_hoc");
  }

  period.addEventListener("change", update);
  kind.addEventListener("change", update);
  update();
})();
