// The participant's page, made better where scripts run (it works without): ideas are sent
// without a reload, kept in localStorage until the program says "received" (retried, with
// the same idempotency key, so a retry never adds an idea twice), the typed text survives a
// reload, and the page follows the facilitator when the step changes.
(function () {
  "use strict";
  var OUTBOX = "ambassador.outbox";
  var DRAFT = "ambassador.draft";
  var body = document.body;
  var step = body.getAttribute("data-step");
  var form = document.getElementById("idea-form");
  var input = document.getElementById("idea-text");
  var list = document.getElementById("ideas");
  var status = document.getElementById("outbox");
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(OUTBOX) || "[]"); } catch (e) { return []; }
  }
  function save(box) {
    try { localStorage.setItem(OUTBOX, JSON.stringify(box)); } catch (e) { /* private mode */ }
  }
  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function show() {
    if (!status) return;
    var n = load().length;
    status.textContent = n ? (body.getAttribute("data-unsent") || "").replace("{}", n) : "";
  }
  function encode(fields) {
    return Object.keys(fields).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(fields[k]);
    }).join("&");
  }
  function added(text) {
    if (!list) return;
    var li = document.createElement("li");
    li.className = "sent";
    li.textContent = text;
    list.appendChild(li);
  }
  // Sends the oldest unsent idea; on "received" the next, else tries again a little later.
  function flush() {
    if (sending) return;
    var box = load();
    if (!box.length) { show(); return; }
    sending = true;
    var item = box[0];
    fetch("/idea", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: encode({ key: item.key, text: item.text, step: item.step }),
      credentials: "same-origin"
    }).then(function (r) {
      sending = false;
      if (r.status === 200 || r.status === 400 || r.status === 409) {
        // Received, or refused for good (empty, too long, step gone): not sent again.
        save(load().filter(function (i) { return i.key !== item.key; }));
        if (r.status === 200) added(item.text);
        show();
        flush();
      } else if (r.status === 401) {
        location.href = "/?m=left";
      } else {
        show();
        setTimeout(flush, 1500);
      }
    }, function () {
      sending = false;
      show();
      setTimeout(flush, 2000);
    });
  }

  if (form && input) {
    // What was typed and not sent before a reload comes back (never over what is typed now).
    if (!input.value) input.value = localStorage.getItem(DRAFT) || "";
    input.addEventListener("input", function () {
      try { localStorage.setItem(DRAFT, input.value); } catch (e) { /* private mode */ }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      var box = load();
      box.push({ key: newKey(), text: text, step: step });
      save(box);
      input.value = "";
      try { localStorage.removeItem(DRAFT); } catch (e) { /* private mode */ }
      show();
      flush();
    });
  }
  flush();

  // Follow the facilitator: when the step changes, show the new one (once nothing is
  // waiting to be sent, and nothing half typed would be lost: the draft is kept anyway).
  if (step !== null) {
    setInterval(function () {
      fetch("/state", { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) {
          if (r.status === 401) { location.href = "/?m=left"; return null; }
          return r.ok ? r.json() : null;
        })
        .then(function (s) {
          if (s && String(s.step) !== step && !load().length) location.replace("/");
        }, function () { /* offline for a moment: try again next time */ });
    }, 2500);
  }
})();
