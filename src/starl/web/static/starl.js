// starl: live word counts and timing bars, the practice clock, and drafts kept in the
// browser so nothing typed is lost. Plain JS, no dependencies.
(function () {
  "use strict";
  var WPM = 150;
  var WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.,$%€£\-]*/gu;
  function words(text) { var m = text.match(WORD); return m ? m.length : 0; }
  function seconds(n) { return n / WPM * 60; }
  function status(secs, target) {
    if (secs === 0) return "missing";
    if (secs < 0.5 * target) return "short";
    if (secs > 1.5 * target) return "long";
    return "ok";
  }

  function updateMeter(area) {
    var target = parseFloat(area.dataset.targetSeconds);
    var meter = document.querySelector('[data-meter="' + area.name + '"]');
    if (!meter || !target) return;
    var n = words(area.value), s = seconds(n), st = status(s, target);
    meter.className = "meter meter-" + st;
    meter.querySelector(".meter-fill").style.width = Math.min(s / (2 * target) * 100, 100).toFixed(1) + "%";
    meter.querySelector(".meter-text").innerHTML =
      n + " words · " + Math.round(s) + " s of " + target + " s · <b>" + st + "</b>";
    updateTotal();
  }
  function updateTotal() {
    var total = document.querySelector("[data-total]");
    if (!total) return;
    var n = 0;
    document.querySelectorAll("textarea[data-target-seconds]").forEach(function (a) { n += words(a.value); });
    total.textContent = "In all: " + n + " words, about " + Math.round(seconds(n)) + " s of the 120 s target.";
  }
  function bindMeters(root) {
    root.querySelectorAll("textarea[data-target-seconds]").forEach(function (area) {
      area.addEventListener("input", function () { updateMeter(area); });
      updateMeter(area);
    });
  }

  // Drafts: every form with data-draft-key saves its text fields as you type and
  // restores them after a reload or a failed request; a successful submit clears them.
  function bindDrafts(root) {
    root.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      var key = "starl-draft:" + form.dataset.draftKey;
      var saved = null;
      try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
      var fields = form.querySelectorAll("textarea, input[type=text], input:not([type])");
      if (saved) {
        fields.forEach(function (f) {
          if (f.name && saved[f.name] && !f.value.trim()) { f.value = saved[f.name]; f.dispatchEvent(new Event("input")); }
        });
      }
      form.addEventListener("input", function () {
        var data = {};
        fields.forEach(function (f) { if (f.name) data[f.name] = f.value; });
        try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full or off */ }
      });
      form.addEventListener("submit", function () {
        sessionStorage.setItem("starl-submitted", key);
      });
    });
    // The page after a successful submit (a redirect, not the same form with an error)
    var submitted = sessionStorage.getItem("starl-submitted");
    if (submitted && !document.querySelector(".alert")) {
      var still = document.querySelector('form[data-draft-key="' + submitted.replace("starl-draft:", "") + '"]');
      if (!still) { localStorage.removeItem(submitted); }
      sessionStorage.removeItem("starl-submitted");
    }
  }

  // The practice clock: two minutes, the STARL phase to be in, Ctrl+Enter submits.
  function bindTimer() {
    var card = document.querySelector("[data-timer]");
    if (!card) return;
    var limit = parseFloat(card.dataset.limit) || 120;
    var clock = card.querySelector("[data-clock]"), phase = card.querySelector("[data-phase]");
    var fill = card.querySelector("[data-progress]"), steps = card.querySelectorAll("[data-step]");
    var area = document.querySelector("textarea[data-live-words]");
    var secondsField = document.querySelector("[data-seconds]");
    var counter = document.querySelector("[data-word-count]");
    var started = null, timer = null, lastPhase = "";
    function tick() {
      var elapsed = (Date.now() - started) / 1000, left = limit - elapsed;
      var shown = Math.max(Math.ceil(left), 0);
      clock.textContent = Math.floor(shown / 60) + ":" + String(shown % 60).padStart(2, "0");
      fill.style.width = Math.min(elapsed / limit * 100, 100) + "%";
      var current = "over";
      steps.forEach(function (s) {
        var on = elapsed >= +s.dataset.start && elapsed < +s.dataset.end;
        s.classList.toggle("current", on);
        if (on) current = s.dataset.step;
      });
      if (current !== lastPhase) {
        lastPhase = current;
        phase.textContent = current === "over" ? "Over two minutes: wrap up now"
          : "Now: " + current.charAt(0).toUpperCase() + current.slice(1);
      }
      card.classList.toggle("over", current === "over");
      if (secondsField) secondsField.value = elapsed.toFixed(1);
    }
    function start() {
      if (started) return;
      started = Date.now();
      tick();
      timer = setInterval(tick, 250);
      var button = card.querySelector("[data-timer-start]");
      if (button) { button.disabled = true; button.textContent = "Running"; }
    }
    card.querySelector("[data-timer-start]").addEventListener("click", function () { start(); if (area) area.focus(); });
    if (area) {
      var count = function () {
        var n = words(area.value);
        counter.textContent = n + " words · about " + Math.round(seconds(n)) + " s spoken";
      };
      area.addEventListener("input", function () { start(); count(); });
      area.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); area.form.requestSubmit(); }
      });
      count();
    }
  }

  // The count of ticked values beside each company, kept current.
  function bindValueCounts(root) {
    root.querySelectorAll(".values details").forEach(function (group) {
      var summary = group.querySelector("summary[data-company]");
      group.addEventListener("change", function () {
        var n = group.querySelectorAll("input[type=checkbox]:checked").length;
        summary.textContent = summary.dataset.company + " (" + n + ")";
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    bindValueCounts(document);
    bindMeters(document);
    bindDrafts(document);
    bindTimer();
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var root = e.target.parentNode || document;
    bindMeters(root);
    bindValueCounts(root);
  });
})();
