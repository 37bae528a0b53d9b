// Follows the facilitator's stage: polls /state once a second and shows the new page when the
// stage changes. If the person is typing (or has typed) something, the page is not reloaded:
// a note says the workshop has moved on, with a link, and what they typed stays in the box.
// Without this script every page still works: forms, and a "See what's happening now" link.
(function () {
  "use strict";
  var key = document.body.getAttribute("data-key");
  // Nothing more will change once the workshop has finished.
  if (!key || !window.fetch || key.indexOf("finished:") === 0) { return; }
  var timeLeft = document.getElementById("time-left");
  var moved = document.getElementById("moved");
  var busy = false;

  // True while the page holds something of the person's that a reload would lose: words in a
  // box (typed, or kept after a refusal), scores chosen but not sent, or a problem being shown.
  function typing() {
    var fields = document.querySelectorAll("textarea, input[type=text]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value.trim() !== "") { return true; }
    }
    if (document.querySelector("form[action='/checkout'] input[type=radio]:checked")) { return true; }
    return document.querySelector(".error") !== null;
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
