// The progress page of an import (templates/dashboard/import_run.html): asks the status URL in
// data-status-url every data-poll-ms milliseconds, moves the <progress> bar and says where the
// import stands, in the words the server chose (in the user's language). Once the import is
// done it reloads the page, which the server renders with the result.
(function () {
  "use strict";

  var section = document.querySelector(".import-progress[data-status-url]");
  if (!section) {
    return;
  }
  var bar = section.querySelector("progress");
  var line = section.querySelector(".import-progress-text");
  var url = section.getAttribute("data-status-url");
  var pause = Number(section.getAttribute("data-poll-ms")) || 1000;

  function show(state) {
    if (state.determinate) {
      bar.max = Math.max(state.rows_total, 1);
      bar.value = state.rows_done;
    } else {
      // No value: the browser's moving bar (waiting, or writing in one transaction).
      bar.removeAttribute("value");
    }
    bar.textContent = state.text;
    line.textContent = state.text;
  }

  function poll() {
    fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        // Signed out (a redirect to the sign-in page) or the run gone: stop asking.
        if (response.type === "opaqueredirect" || response.status === 404) {
          throw new Error("stop");
        }
        if (!response.ok) {
          throw new Error("retry");
        }
        return response.json();
      })
      .then(function (state) {
        if (state.finished) {
          window.location.reload();
          return;
        }
        show(state);
        window.setTimeout(poll, pause);
      })
      .catch(function (error) {
        // A server restarting or a network hiccup: ask again.
        if (error.message !== "stop") {
          window.setTimeout(poll, pause);
        }
      });
  }

  window.setTimeout(poll, pause);
})();
