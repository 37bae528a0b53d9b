// Follows the facilitator's stage: polls /state once a second and shows the new page when the
// stage changes. If the person is typing (or has typed) something, the page is not reloaded:
// a note says the workshop has moved on, with a link, and what they typed stays in the box.
// Without this script every page still works: forms, and a "See what's happening now" link.
(function () {
  "use strict";
  var key = document.body.getAttribute("data-key");
  if (!key || !window.fetch) { return; }
  var timeLeft = document.getElementById("time-left");
  var moved = document.getElementById("moved");
  var busy = false;

  function typing() {
    var fields = document.querySelectorAll("textarea, input[type=text]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value.trim() !== "" && fields[i].value !== fields[i].defaultValue) { return true; }
      if (document.activeElement === fields[i] && fields[i].value.trim() !== "") { return true; }
    }
    return false;
  }

  function check() {
    if (busy) { return; }
    busy = true;
    fetch("/state", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { return; }
        if (timeLeft && typeof state.time === "string" && timeLeft.textContent !== state.time) {
          timeLeft.textContent = state.time;
        }
        if (state.key !== key) {
          if (typing()) {
            if (moved) { moved.hidden = false; }
          } else {
            window.location.assign("/now");
          }
        }
      })
      .catch(function () { /* the room's Wi-Fi dropped for a moment: try again next time */ })
      .then(function () { busy = false; });
  }

  window.setInterval(check, 1000);
})();
