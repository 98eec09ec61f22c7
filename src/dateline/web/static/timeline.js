// Events over time: one lane per CAMEO root, a dot per event coloured by quad class.
// Hollow dots are dated by their report (the text gave no time of its own).
"use strict";
Dateline.figure("timeline", async function (el) {
  const [data, cameo] = await Promise.all([
    Dateline.getJSON(el.dataset.api),
    Dateline.getJSON("/static/cameo.json"),
  ]);
  const items = data.items.filter((d) => d.date);
  if (!items.length) {
    Dateline.message(el, "No dated events to show.");
    el.dataset.state = "empty";
    return;
  }
  const roots = Array.from(new Set(items.map((d) => d.root))).sort();
  const margin = { top: 16, right: 20, bottom: 30, left: 200 };
  // Drawn at the figure's own width so labels keep their size in narrow columns.
  const width = Math.max(el.clientWidth || 900, 420), lane = 26;
  const height = margin.top + margin.bottom + lane * roots.length;
  const t0 = d3.min(items, (d) => Dateline.day(d.date));
  const t1 = d3.max(items, (d) => Dateline.day(d.date_end));
  const pad = Math.max((t1 - t0) * 0.04, 3 * 864e5);
  const x = d3.scaleUtc().domain([new Date(+t0 - pad), new Date(+t1 + pad)])
    .range([margin.left, width - margin.right]).nice();
  const y = d3.scaleBand().domain(roots).range([margin.top, height - margin.bottom]).padding(0.2);

  const svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]).attr("role", "img");
  svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - margin.bottom) + ")")
    .call(d3.axisBottom(x).ticks(8));
  svg.append("g").attr("class", "gridline").selectAll("line").data(roots).join("line")
    .attr("x1", margin.left).attr("x2", width - margin.right)
    .attr("y1", (r) => y(r) + y.bandwidth() / 2).attr("y2", (r) => y(r) + y.bandwidth() / 2);
  svg.append("g").selectAll("text").data(roots).join("text").attr("class", "lane-label")
    .attr("x", margin.left - 8).attr("y", (r) => y(r) + y.bandwidth() / 2).attr("dy", "0.35em")
    .attr("text-anchor", "end")
    .text((r) => r + " " + ((cameo.roots[r] && cameo.roots[r].name) || ""));

  // Events on the same day in the same lane are stacked sideways, not drawn over each other.
  const seen = new Map();
  const dots = svg.append("g").selectAll("a").data(items).join("a")
    .attr("href", (d) => Dateline.reportUrl(d.report_id, "ev" + d.idx))
    .attr("transform", (d) => {
      const mid = Dateline.midpoint(Dateline.day(d.date), Dateline.day(d.date_end));
      const key = d.root + "|" + d.date;
      const n = seen.get(key) || 0;
      seen.set(key, n + 1);
      return "translate(" + (x(mid) + n * 7) + "," + (y(d.root) + y.bandwidth() / 2) + ")";
    });
  dots.append("circle").attr("r", 5)
    .attr("class", (d) => "dot quad-" + (d.quad || 0) + (d.dated_by === "report" ? " by-report" : "") +
      " modality-" + (d.modality || "asserted"));
  dots.append("title").text((d) =>
    d.date + (d.date_end !== d.date ? " – " + d.date_end : "") + " · " + d.code + " " + (d.root_name || "") +
    "\n" + (d.source_label || "?") + " — " + (d.trigger_text || "") + " — " + (d.target_label || "") +
    "\n" + (d.modality || "") + (d.dated_by === "report" ? " · dated by its report" : "") +
    "\n" + (d.title || d.report_id));
  el.dataset.events = String(items.length);
});
