// Dateline's shared page helpers. Data from the API is untrusted: it reaches the page only as
// text (textContent / d3's .text()), never as HTML.
"use strict";

window.Dateline = (function () {
  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try { message = (await response.json()).error.message; } catch (e) { /* keep status */ }
      throw new Error(message);
    }
    return response.json();
  }

  function message(el, text) {
    const p = document.createElement("p");
    p.className = "message";
    p.textContent = text;
    el.replaceChildren(p);
  }

  // Run draw(el) for the figure with this id, reporting failures inside the figure.
  function figure(id, draw) {
    const el = document.getElementById(id);
    if (!el) return;
    if (typeof window.d3 === "undefined") {
      message(el, "The drawing library is not installed (run npm ci).");
      el.dataset.state = "unavailable";
      return;
    }
    Promise.resolve()
      .then(() => draw(el))
      .then(() => { el.dataset.state = el.dataset.state || "drawn"; })
      .catch((err) => { message(el, "Could not draw this: " + err.message); el.dataset.state = "failed"; });
  }

  const actorUrl = (name) => "/actor?name=" + encodeURIComponent(name);
  const reportUrl = (id, anchor) =>
    "/reports/" + encodeURIComponent(id) + (anchor ? "#" + encodeURIComponent(anchor) : "");
  // API dates are ISO days; the charts use UTC midnight so no time zone shifts a day.
  const day = (iso) => (iso ? new Date(iso + "T00:00:00Z") : null);
  const midpoint = (a, b) => new Date((a.getTime() + b.getTime()) / 2);
  const number = (v) => (v === null || v === undefined ? "?" : Number(v).toLocaleString("en-US"));

  return { getJSON, message, figure, actorUrl, reportUrl, day, midpoint, number };
})();
