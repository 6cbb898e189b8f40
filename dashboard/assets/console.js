// Live alert stream for the Satgas console: while the console is on screen, every Server-Sent Event
// from /api/v1/alerts/stream pokes the "alert-events" store, which makes the queue refresh.
(function () {
  var source = null;
  var kinds = ["created", "pressed", "located", "claim", "dispatch", "resolve", "cancel", "escalated"];

  function poke(event) {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("alert-events", { data: { id: event.lastEventId, at: Date.now() } });
    }
  }

  function watch() {
    var marker = document.getElementById("console-live");
    var onConsole = marker !== null;
    if (onConsole && source === null) {
      // Start after the last event the page knew of when it loaded; EventSource sends Last-Event-ID
      // itself when it reconnects.
      source = new EventSource("/api/v1/alerts/stream?last_event_id=" + encodeURIComponent(marker.dataset.since || "0"));
      kinds.forEach(function (kind) { source.addEventListener(kind, poke); });
    } else if (!onConsole && source !== null) {
      source.close();
      source = null;
    }
  }

  setInterval(watch, 500);
})();
