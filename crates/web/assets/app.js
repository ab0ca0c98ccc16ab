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

// 朝メール・夜メール: <form data-draft-url data-draft-kind data-draft-key data-draft-saved>.
// While the person types, the form is saved as a draft on the server (debounced)
// and in this browser's storage, so a dropped connection loses nothing: on the
// next visit a browser copy newer than the server's draft is put back. "Add rows"
// clones the last row in place; the planned/actual end of the day follows the rows.
(function () {
  "use strict";
  var STORE = "erabareru-draft:";

  function fields(form) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") pairs.push([name, value]);
    });
    return pairs;
  }

  function restore(form, pairs) {
    var values = {};
    pairs.forEach(function (p) { values[p[0]] = p[1]; });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf_token" || el.name === "day" || el.type === "submit") return;
      if (el.type === "checkbox") {
        el.checked = Object.prototype.hasOwnProperty.call(values, el.name);
      } else if (Object.prototype.hasOwnProperty.call(values, el.name)) {
        el.value = values[el.name];
      }
    });
  }

  function dayEnd(form) {
    var line = form.querySelector("[data-day-end]");
    if (!line) return;
    var latest = "";
    form.querySelectorAll("[data-block-end]").forEach(function (el) {
      if (el.value && el.value > latest) latest = el.value;
    });
    var out = line.querySelector("[data-day-end-value]");
    if (out) out.textContent = latest || "—";
    var over = line.querySelector("[data-day-end-over]");
    var scheduled = form.getAttribute("data-scheduled-end") || "";
    if (over) over.hidden = !(latest && scheduled && latest > scheduled);
  }

  function addRow(form) {
    var list = form.querySelector("[data-block-rows]");
    var rows = list ? list.querySelectorAll("[data-block-row]") : [];
    if (!rows.length) return false;
    var last = rows[rows.length - 1];
    var next = rows.length;
    var copy = last.cloneNode(true);
    copy.classList.remove("block-row--invalid");
    copy.querySelectorAll(".field__error").forEach(function (e) { e.remove(); });
    copy.querySelectorAll("[id],[for],[name]").forEach(function (el) {
      ["id", "for", "name"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(/_\d+$/, "_" + next));
      });
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
      if (el.tagName === "INPUT" && el.type !== "checkbox") el.value = "";
      if (el.type === "checkbox") el.checked = false;
    });
    var legend = copy.querySelector("legend");
    if (legend) legend.textContent = legend.textContent.replace(/\d+/, String(next + 1));
    list.appendChild(copy);
    var first = copy.querySelector("input");
    if (first) first.focus();
    return true;
  }

  function setUp(form) {
    var key = STORE + form.getAttribute("data-draft-key");
    // A browser copy older than the server's draft or than the posted form is stale.
    var serverSaved = Math.max(
      parseInt(form.getAttribute("data-draft-saved") || "0", 10),
      parseInt(form.getAttribute("data-posted") || "0", 10)
    );
    var status = form.querySelector("[data-draft-status]");
    var lang = document.documentElement.lang === "en" ? "en" : "ja";
    var words = lang === "en"
      ? { saving: "Saving the draft…", saved: "Draft saved", offline: "Not connected: the draft is kept in this browser", restored: "The draft kept in this browser has been put back." }
      : { saving: "下書きを保存しています…", saved: "下書きを保存しました", offline: "接続できません。下書きはこのブラウザに保存しています", restored: "このブラウザに残っていた下書きを戻しました。" };
    try {
      var local = JSON.parse(window.localStorage.getItem(key) || "null");
      if (local && local.saved > serverSaved && local.pairs) {
        restore(form, local.pairs);
        if (status) status.textContent = words.restored;
      }
    } catch (e) { /* storage unavailable: the server's draft still works */ }
    dayEnd(form);

    var timer = null;
    function save() {
      var pairs = fields(form);
      try {
        window.localStorage.setItem(key, JSON.stringify({ saved: Date.now(), pairs: pairs }));
      } catch (e) { /* full or blocked */ }
      var body = new URLSearchParams();
      pairs.forEach(function (p) { body.append(p[0], p[1]); });
      body.append("kind", form.getAttribute("data-draft-kind"));
      if (status) status.textContent = words.saving;
      fetch(form.getAttribute("data-draft-url"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" }
      }).then(function (res) {
        if (status) status.textContent = res.ok ? words.saved : words.offline;
      }).catch(function () {
        if (status) status.textContent = words.offline;
      });
    }
    form.addEventListener("input", function () {
      dayEnd(form);
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(save, 800);
    });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.hasAttribute("data-add-row")) {
        if (addRow(form)) event.preventDefault();
        return;
      }
      // The browser copy stays until the server has the form: if this post
      // is lost, the next visit still finds it (it is newer than nothing posted).
      if (timer) window.clearTimeout(timer);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-draft-url]").forEach(setUp);
  });
})();
