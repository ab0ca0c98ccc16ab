// erabareru — small progressive enhancements. Every page works without this file.
// Loaded with <script src="/static/app.js" defer></script> (CSP: script-src 'self', no inline script).
(function () {
  "use strict";

  // <form data-confirm="…"> or <button data-confirm="…">: ask before submitting
  // (destructive actions). Without JavaScript the form simply submits.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      var submitter = event.submitter;
      var message =
        (submitter && submitter.getAttribute("data-confirm")) ||
        form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // <select data-autosubmit> inside a GET filter form: submit on change
  // (the form keeps its submit button for keyboard and no-JS users).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
      if (typeof el.form.requestSubmit === "function") {
        el.form.requestSubmit();
      } else {
        el.form.submit();
      }
    }
  });

  // After an htmx swap, move focus to the element marked data-focus-after-swap
  // (e.g. a status message) so screen-reader and keyboard users notice the change.
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.detail && event.detail.target ? event.detail.target : document;
    var target = root.querySelector ? root.querySelector("[data-focus-after-swap]") : null;
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });

  // If the error summary / first invalid field exists after a server-side re-render,
  // focus the first invalid input so the user lands where the problem is.
  document.addEventListener("DOMContentLoaded", function () {
    var notice = document.querySelector(".notice--error[data-focus]");
    var invalid = document.querySelector('[aria-invalid="true"]');
    var target = notice || invalid;
    if (target) {
      if (target === notice && !notice.hasAttribute("tabindex")) notice.setAttribute("tabindex", "-1");
      target.focus();
    }
  });
})();

// <button data-copy="ID" data-copied="…" hidden>: copy the value of the input ID
// (an invitation link). Shown only where the Clipboard API exists; without it the
// read-only input can still be selected and copied by hand.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-copy"));
      if (!input) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(input.value).then(function () {
          var done = button.getAttribute("data-copied");
          if (done) button.textContent = done;
        });
      });
    });
  });
})();
