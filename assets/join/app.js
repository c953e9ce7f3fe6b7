// The participant's page, made better where scripts run (it works without): ideas are sent
// without a reload and kept in localStorage until the program answers. "Received" takes an
// idea out; a connection that fails, "busy" or "too fast" sends it again later with the same
// idempotency key (a retry never adds an idea twice); any other answer is a refusal: final,
// shown on the page with its reason, and the text goes back into the box, so nothing typed
// is lost and no refused idea holds up the ones after it. The typed text survives a reload,
// and the page follows the facilitator when the step changes. An idea's edit box grows with
// its text; the dot page's counts and order follow the others' votes, open groups staying
// open.
(function () {
  "use strict";
  var OUTBOX = "ambassador.outbox";
  var DRAFT = "ambassador.draft";
  var body = document.body;
  var step = body.getAttribute("data-step");
  var max = parseInt(body.getAttribute("data-max") || "2000", 10);
  var form = document.getElementById("idea-form");
  var input = document.getElementById("idea-text");
  var list = document.getElementById("ideas");
  var status = document.getElementById("outbox");
  var sending = false;
  // The last refusal's reason (until the next send) and the last "received".
  var refusal = "";
  var said = "";

  function load() {
    try { return JSON.parse(localStorage.getItem(OUTBOX) || "[]"); } catch (e) { return []; }
  }
  function save(box) {
    try { localStorage.setItem(OUTBOX, JSON.stringify(box)); } catch (e) { /* private mode */ }
  }
  function draft(text) {
    try { localStorage.setItem(DRAFT, text); } catch (e) { /* private mode */ }
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
    var unsent = n ? (body.getAttribute("data-unsent") || "").replace("{}", n) : "";
    status.textContent = [refusal, said, unsent].filter(Boolean).join(" ");
  }
  // A refusal: its reason on the page, and the text back in the box (in front of anything
  // typed since), kept as the draft too.
  function refused(text, reason) {
    refusal = reason + " " + (body.getAttribute("data-kept") || "");
    said = "";
    if (input) {
      var now = input.value.trim();
      input.value = now ? text + " " + now : text;
      draft(input.value);
      input.focus();
    }
    show();
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
  function drop(key) {
    save(load().filter(function (i) { return i.key !== key; }));
  }
  // Sends the oldest unsent idea; then the next, or the same again a little later.
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
      return r.json().catch(function () { return {}; }).then(function (answer) {
        sending = false;
        if (r.status === 200) {
          drop(item.key);
          added(item.text);
          said = body.getAttribute("data-sent") || "";
          show();
          flush();
        } else if (r.status === 401) {
          location.href = "/?m=left";
        } else if (r.status === 429 || r.status === 503) {
          show();
          setTimeout(flush, 1500);
        } else {
          drop(item.key);
          refused(item.text, answer.message || answer.notice || String(r.status));
          flush();
        }
      });
    }, function () {
      sending = false;
      show();
      setTimeout(flush, 2000);
    });
  }

  if (form && input) {
    // What was typed and not sent before a reload comes back (never over what is typed now).
    if (!input.value) input.value = localStorage.getItem(DRAFT) || "";
    input.addEventListener("input", function () { draft(input.value); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      // Characters, as the program counts them (an emoji is one, not two).
      if (Array.from(text).length > max) {
        refusal = (body.getAttribute("data-too-long") || "") + " " + (body.getAttribute("data-kept") || "");
        show();
        return;
      }
      var box = load();
      box.push({ key: newKey(), text: text, step: step });
      save(box);
      input.value = "";
      refusal = "";
      said = "";
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
          else if (s && String(s.step) === step) recount();
        }, function () { /* offline for a moment: try again next time */ });
    }, 2500);
  }

  // The dot page again, for what others changed: its list and the dots left take the
  // place of these, unless nothing changed; a group opened here stays open.
  var lastDots = "";
  function recount() {
    var dots = document.getElementById("dots");
    if (!dots) return;
    fetch("/", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("dots");
        if (!fresh || fresh.innerHTML === lastDots) return;
        lastDots = fresh.innerHTML;
        Array.prototype.forEach.call(dots.querySelectorAll("li[id] > details[open]"), function (d) {
          var same = fresh.querySelector("#" + d.parentNode.id + " > details");
          if (same) same.open = true;
        });
        dots.replaceWith(document.importNode(fresh, true));
        var left = document.getElementById("dots-left");
        var freshLeft = page.getElementById("dots-left");
        if (left && freshLeft) left.textContent = freshLeft.textContent;
      }, function () { /* offline for a moment: try again next time */ });
  }

  // An idea's edit box as tall as its text, while it is typed too; Enter saves it.
  function fit(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + "px";
  }
  Array.prototype.forEach.call(document.querySelectorAll("form.edit textarea"), function (box) {
    fit(box);
    box.addEventListener("input", function () { fit(box); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        if (box.form.requestSubmit) box.form.requestSubmit(); else box.form.submit();
      }
    });
  });
})();
