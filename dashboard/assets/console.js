// The Satgas console in the browser: the live alert stream and the alarm that wakes the officer.
// Every Server-Sent Event from /api/v1/alerts/stream carries its alert's staff view: the events the queue has
// not yet applied go to the "alert-events" store, and the server moves only those alerts' cards (the map and
// the statistics follow on the console's timer);
// a new alert or an escalation sounds a two-tone alarm (Web Audio, nothing to download) and shows a browser
// notification. While a "new" alert is unclaimed the alarm repeats every 30 s, and the tab title and icon
// carry the count. Browsers allow sound and notifications only after a gesture, hence the enable button.
// The alarm's state is written to #console-alarm (data-state, data-rings) so that it can be seen and tested.
(function () {
  var KINDS = ["created", "reopened", "pressed", "located", "contact", "claim", "dispatch", "resolve", "cancel", "expire",
    "escalated"];
  var WAKE_KINDS = ["created", "reopened", "escalated"];
  var REPEAT_MS = 30000;
  // A stream event and the count it raises arrive a moment apart: one alarm for both.
  var SAME_ALARM_MS = 5000;
  var source = null;
  var lastEventId = null;
  var reopenAt = 0;
  // The server refuses a stream with 429 or 503 when too many are open; EventSource then gives up for good.
  var REOPEN_MS = 5000;
  var audio = null;
  var lastRing = 0;
  var rings = 0;
  var knownUnclaimed = 0;
  var iconsBefore = null;
  var shownCount = -1;
  // Events sent but not yet applied: a request still on its way when the next event comes is dropped by Dash,
  // so each request carries every event after the last one the page says it applied (#console-live).
  var unapplied = [];
  var MOST_UNAPPLIED = 50;

  function saved(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: the choice lasts this page */ }
  }

  function panel() { return document.getElementById("console-alarm"); }

  function texts(element) {
    try { return JSON.parse(element.getAttribute("data-texts") || "{}"); } catch (e) { return {}; }
  }

  function muted() { return saved("sumbar.alarm.muted") === "1"; }

  function soundReady() { return audio !== null && audio.state === "running"; }

  function makeAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    if (audio === null) { audio = new Context(); }
    if (audio.state === "suspended") { audio.resume().then(refresh, function () {}); }
  }

  function beep() {
    if (!soundReady()) { return false; }
    var start = audio.currentTime + 0.02;
    [[880, 0], [660, 0.3], [880, 0.6], [660, 0.9]].forEach(function (tone) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      var at = start + tone[1];
      oscillator.type = "sine";
      oscillator.frequency.value = tone[0];
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.26);
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.28);
    });
    return true;
  }

  function ring() {
    if (muted() || !beep()) { return; }
    lastRing = Date.now();
    rings += 1;
  }

  function notify(kind, element) {
    if (!("Notification" in window) || window.Notification.permission !== "granted") { return; }
    var words = texts(element);
    try {
      // No names, phones or places: a notification can show on a locked screen.
      new window.Notification(words[kind === "escalated" ? "wake_escalated" : "wake_new"] || "Sumbar Siaga", {
        body: words.console_short || "Konsol Satgas",
        tag: "sumbar-alert",
        renotify: true
      });
    } catch (e) { /* some phones allow notifications only from a service worker */ }
  }

  function badge(count) {
    if (count === shownCount) { return; }
    shownCount = count;
    var links = Array.prototype.slice.call(document.querySelectorAll("link[rel~='icon']"));
    if (iconsBefore === null) {
      iconsBefore = links.map(function (link) { return [link, link.getAttribute("href"), link.getAttribute("type")]; });
    }
    if (count === 0) {
      iconsBefore.forEach(function (kept) {
        kept[0].setAttribute("href", kept[1]);
        if (kept[2]) { kept[0].setAttribute("type", kept[2]); } else { kept[0].removeAttribute("type"); }
      });
      return;
    }
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = 32;
    var draw = canvas.getContext("2d");
    if (!draw) { return; }
    draw.fillStyle = "#b00020";
    draw.beginPath();
    draw.arc(16, 16, 16, 0, 2 * Math.PI);
    draw.fill();
    draw.fillStyle = "#fff";
    draw.font = "bold " + (count > 9 ? 16 : 22) + "px sans-serif";
    draw.textAlign = "center";
    draw.textBaseline = "middle";
    draw.fillText(count > 99 ? "99+" : String(count), 16, 17);
    var url = canvas.toDataURL("image/png");
    links.forEach(function (link) { link.setAttribute("href", url); link.setAttribute("type", "image/png"); });
  }

  function refresh() {
    var element = panel();
    if (element === null) { return; }
    var words = texts(element);
    var count = parseInt(element.getAttribute("data-unclaimed") || "0", 10) || 0;
    var state = count === 0 ? "quiet" : muted() ? "muted" : soundReady() ? "ringing" : "needs-enable";
    if (state === "ringing") {
      var since = Date.now() - lastRing;
      if ((count > knownUnclaimed && since >= SAME_ALARM_MS) || since >= REPEAT_MS) { ring(); }
    }
    knownUnclaimed = count;
    element.setAttribute("data-state", state);
    element.setAttribute("data-rings", String(rings));
    var status = document.getElementById("alarm-status");
    var sentence = words["wake_state_" + state.replace("-", "_")] || "";
    if (status !== null && status.textContent !== sentence) { status.textContent = sentence; }
    var mute = document.getElementById("alarm-mute");
    if (mute !== null) {
      var label = muted() ? words.wake_unmute : words.wake_mute;
      if (label && mute.textContent !== label) { mute.textContent = label; }
      mute.setAttribute("aria-pressed", muted() ? "true" : "false");
    }
    var off = document.getElementById("sound-off");
    if (off !== null) {
      var silent = !soundReady() && !muted();
      if (off.hidden === silent) { off.hidden = !silent; }
      if (words.wake_sound_off && off.textContent !== words.wake_sound_off) { off.textContent = words.wake_sound_off; }
    }
    var enable = document.getElementById("alarm-enable");
    if (enable !== null) {
      var asked = !("Notification" in window) || window.Notification.permission !== "default";
      enable.hidden = soundReady() && asked;
    }
    document.title = (count > 0 ? "(" + count + ") " : "") + (words.console_short || "Konsol Satgas");
    badge(count);
  }

  function quietEvent(event) {
    try { return JSON.parse(event.data).alarm === false; } catch (e) { return false; }
  }

  function onEvent(event) {
    var element = panel();
    // The stream may deliver one last event while the officer leaves the console: nothing to update then.
    if (element === null || document.getElementById("console-live") === null) { return; }
    if (event.lastEventId) { lastEventId = event.lastEventId; }
    var payload = null;
    try { payload = JSON.parse(event.data); } catch (e) { payload = null; }
    if (payload && payload.alert && event.lastEventId) {
      var applied = parseInt(document.getElementById("console-live").getAttribute("data-applied") || "0", 10) || 0;
      unapplied = unapplied.filter(function (kept) { return parseInt(kept.id, 10) > applied; });
      unapplied.push({ id: event.lastEventId, alert: payload.alert });
      if (unapplied.length > MOST_UNAPPLIED) { unapplied.shift(); }
      if (window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props("alert-events", { data: unapplied.slice() });
      }
    }
    // A device's burst of alerts rings once: the server marks the others "alarm": false (they still show).
    if (WAKE_KINDS.indexOf(event.type) >= 0 && !quietEvent(event)) {
      if (Date.now() - lastRing >= SAME_ALARM_MS) { ring(); }
      notify(event.type, element);
      refresh();
    }
  }

  // Phone notifications: this browser subscribes with the console's service worker (/satgas/sw.js) and hands the
  // subscription to the page, whose callback keeps it for the officer; pushes then come while on duty.
  function enablePush() {
    function report(value) { window.dash_clientside.set_props("push-subscription", { data: value }); }
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
      report({ error: "unsupported" });
      return;
    }
    window.Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { throw new Error("denied"); }
      return navigator.serviceWorker.register("/satgas/sw.js", { scope: "/satgas" });
    }).then(function () { return navigator.serviceWorker.ready; }).then(function (registration) {
      return registration.pushManager.getSubscription().then(function (existing) {
        if (existing) { return existing; }
        return fetch("/api/v1/push/vapid-public-key").then(function (reply) { return reply.json(); })
          .then(function (body) {
            var text = window.atob(body.public_key.replace(/-/g, "+").replace(/_/g, "/"));
            var key = new Uint8Array(text.length);
            for (var i = 0; i < text.length; i += 1) { key[i] = text.charCodeAt(i); }
            return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
          });
      });
    }).then(function (subscription) { report(subscription.toJSON()); }, function (error) {
      report({ error: String((error && error.message) || error) });
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if (target.closest("#alarm-enable")) {
      save("sumbar.alarm.enabled", "1");
      makeAudio();
      if ("Notification" in window && window.Notification.permission === "default") {
        window.Notification.requestPermission().then(refresh, function () {});
      }
      // A short sound now, so the officer knows the speakers work.
      window.setTimeout(function () { beep(); refresh(); }, 150);
    } else if (target.closest("#push-enable")) {
      enablePush();
    } else if (target.closest("#alarm-mute")) {
      save("sumbar.alarm.muted", muted() ? "0" : "1");
      refresh();
    } else if (panel() !== null) {
      // Any click on the console is the gesture the browser waits for: the banner says so.
      save("sumbar.alarm.enabled", "1");
      makeAudio();
      refresh();
    }
  });

  function watch() {
    var marker = document.getElementById("console-live");
    var onConsole = marker !== null;
    if (onConsole && source === null && Date.now() >= reopenAt) {
      // Start after the last event the page knew of when it loaded (or the last one received, when the
      // stream is opened again); EventSource sends Last-Event-ID itself when it reconnects.
      var since = lastEventId || marker.dataset.since || "0";
      source = new EventSource("/api/v1/alerts/stream?last_event_id=" + encodeURIComponent(since));
      KINDS.forEach(function (kind) { source.addEventListener(kind, onEvent); });
      source.addEventListener("error", function () {
        if (source !== null && source.readyState === EventSource.CLOSED) {
          source = null;
          reopenAt = Date.now() + REOPEN_MS;
        }
      });
    } else if (!onConsole && source !== null) {
      source.close();
      source = null;
      lastEventId = null;
      unapplied = [];
      badge(0);
    }
    if (onConsole) { refresh(); }
  }

  setInterval(watch, 500);
})();

// Where a key goes among the entries (after those with the same key): the keys are the server's (queue order as
// text, dashboard/console_queue.py sort_key), so comparing them is all the ordering done here.
function queuePosition(entries, key) {
  var low = 0;
  var high = entries.length;
  while (low < high) {
    var middle = (low + high) >> 1;
    if (key < entries[middle][1]) { high = middle; } else { low = middle + 1; }
  }
  return low;
}

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  console: {
    // Live-stream events move only their own cards (dashboard/pages/satgas.py render_alert_events made them):
    // the old card goes, the new one is put where its key sorts; the order stays in the browser.
    applyAlertMoves: function (sent, order, tab) {
      var skip = window.dash_clientside.no_update;
      if (!sent || !order || !Array.isArray(order.entries) || sent.applied <= order.applied) {
        return [skip, skip, skip, skip];
      }
      var entries = order.entries.slice();
      var wasEmpty = entries.length === 0;
      var patch = new window.dash_clientside.Patch();
      var placed = {};
      sent.moves.forEach(function (move) {
        // An event the last full refresh already included is in its list.
        if (move.event <= order.applied) { return; }
        var at = entries.findIndex(function (entry) { return entry[0] === move.id; });
        if (at >= 0) {
          entries.splice(at, 1);
          patch.delete([at]);
          delete placed[move.id];
        }
        if (move.key !== null) {
          var to = queuePosition(entries, move.key);
          entries.splice(to, 0, [move.id, move.key, move.unclaimed]);
          patch.insert([], to, move.card);
          placed[move.id] = move.card;
        }
      });
      var unclaimed = entries.filter(function (entry) { return entry[2]; }).length;
      var cards = patch.build();
      if (tab === "history") {
        cards = skip;
      } else if (entries.length === 0) {
        cards = sent.empty;
      } else if (wasEmpty) {  // the "no alerts" line goes: every card now shown came with these events
        cards = entries.map(function (entry) { return placed[entry[0]]; });
      }
      return [cards, { applied: sent.applied, entries: entries }, String(sent.applied), String(unclaimed)];
    },
    // Choosing a marker on the console's map: its card is highlighted and scrolled into view.
    selectCard: function (clickData) {
      var point = clickData && clickData.points && clickData.points[0];
      var id = point && point.customdata;
      if (!id) { return window.dash_clientside.no_update; }
      var card = document.getElementById("alert-" + id);
      Array.prototype.forEach.call(document.querySelectorAll(".alert-card.selected"), function (other) {
        other.classList.remove("selected");
      });
      if (card !== null) {
        card.classList.add("selected");
        card.scrollIntoView({ behavior: "smooth", block: "center" });
      }
      return id;
    }
  }
});
