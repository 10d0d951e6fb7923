// Tatweer: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // htmx sends the CSRF token with every request it makes.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });

  // Forms marked data-confirm ask before submitting.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();

// Drafts: a form marked data-autosave keeps what was typed in this browser until it is submitted,
// so a dropped connection or a closed tab loses nothing. Files and passwords are never stored.
(function () {
  "use strict";
  var SKIP = ["file", "password", "hidden", "submit", "button"];

  function key(form) { return "tatweer-draft:" + location.pathname + ":" + form.getAttribute("data-autosave"); }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && SKIP.indexOf(el.type) === -1 && el.name !== "csrfmiddlewaretoken";
    });
  }

  function save(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name + "=" + el.value] = el.checked;
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    try { localStorage.setItem(key(form), JSON.stringify(data)); } catch (e) { /* storage full or disabled */ }
  }

  function restore(form) {
    var raw;
    try { raw = localStorage.getItem(key(form)); } catch (e) { return; }
    if (!raw) { return; }
    // A page re-shown with errors already carries what was typed: the server's version wins.
    if (form.querySelector(".is-invalid, .alert-danger")) { return; }
    var data = JSON.parse(raw);
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        var k = el.name + "=" + el.value;
        if (k in data) { el.checked = data[k]; }
      } else if (el.name in data && !Array.isArray(data[el.name])) {
        el.value = data[el.name];
      }
    });
    var note = document.createElement("div");
    note.className = "alert alert-info";
    note.setAttribute("role", "status");
    note.textContent = form.getAttribute("data-draft-restored") || "A draft you had not saved was restored.";
    form.insertBefore(note, form.firstChild);
  }

  // A submitted draft is dropped once a page without its form loads (the save went through); if the
  // form comes back (errors, or the connection dropped and the person returns), the draft stays.
  var present = {};
  document.querySelectorAll("form[data-autosave]").forEach(function (form) { present[key(form)] = true; });
  try {
    Object.keys(localStorage).forEach(function (k) {
      if (k.slice(-10) === ":submitted") {
        var draft = k.slice(0, -10);
        if (!present[draft]) { localStorage.removeItem(draft); }
        localStorage.removeItem(k);
      }
    });
  } catch (e) { /* storage disabled */ }

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    restore(form);
    form.addEventListener("input", function () { save(form); });
    form.addEventListener("change", function () { save(form); });
    form.addEventListener("submit", function () {
      try { localStorage.setItem(key(form) + ":submitted", "1"); } catch (e) { /* ignore */ }
    });
  });
})();

// Conditional questions: a fieldset with data-show-if is shown only while the named question has the
// given answer (compared with the option's text). Without JavaScript every question stays visible.
(function () {
  "use strict";
  function update() {
    document.querySelectorAll("[data-show-if]").forEach(function (box) {
      var name = box.getAttribute("data-show-if");
      var wanted = (box.getAttribute("data-show-value") || "").trim().toLowerCase();
      var values = [];
      document.querySelectorAll("[name='" + name + "']").forEach(function (el) {
        if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
        var label = el.id ? document.querySelector("label[for='" + el.id + "']") : null;
        values.push(((el.getAttribute("data-en") || (label ? label.textContent : el.value)) || "").trim().toLowerCase());
        values.push((el.value || "").trim().toLowerCase());
      });
      box.hidden = values.indexOf(wanted) === -1;
    });
  }
  document.addEventListener("change", update);
  document.addEventListener("DOMContentLoaded", update);
  update();
})();
