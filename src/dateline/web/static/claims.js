// Claims about one object over time: a mark per claim at its date and value. The shape says
// the bound (● exact, ▲ at least, ▼ at most, ◆ about, bar for a range), the colour and label the
// source; a dashed line spans the days a month- or week-precise date covers.
"use strict";
Dateline.figure("claims-chart", async function (el) {
  const data = await Dateline.getJSON(el.dataset.api);
  const items = data.items.filter((d) => d.date && Number.isFinite(d.value));
  if (!items.length) {
    Dateline.message(el, "No dated claims with a value to chart.");
    el.dataset.state = "empty";
    return;
  }
  const margin = { top: 24, right: 170, bottom: 36, left: 70 };
  const width = Math.max(el.clientWidth || 960, 600), height = 420;
  const t0 = d3.min(items, (d) => Dateline.day(d.date));
  const t1 = d3.max(items, (d) => Dateline.day(d.date_end));
  const pad = Math.max((t1 - t0) * 0.05, 5 * 864e5);
  const x = d3.scaleUtc().domain([new Date(+t0 - pad), new Date(+t1 + pad)])
    .range([margin.left, width - margin.right]).nice();
  const top = d3.max(items, (d) => Math.max(d.value, Number.isFinite(d.value_max) ? d.value_max : d.value));
  const y = d3.scaleLinear().domain([0, top * 1.1 || 1]).range([height - margin.bottom, margin.top]).nice();
  const sources = Array.from(new Set(items.map((d) => d.source_label || "unsourced")));
  const colour = d3.scaleOrdinal(sources, d3.schemeTableau10);

  const svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]).attr("role", "img");
  svg.append("g").attr("class", "gridline").selectAll("line").data(y.ticks(6)).join("line")
    .attr("x1", margin.left).attr("x2", width - margin.right).attr("y1", y).attr("y2", y);
  svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - margin.bottom) + ")")
    .call(d3.axisBottom(x).ticks(8));
  svg.append("g").attr("class", "axis").attr("transform", "translate(" + margin.left + ",0)")
    .call(d3.axisLeft(y).ticks(6, "~s"));
  const measure = Array.from(new Set(items.map((d) => d.measure).filter(Boolean))).join(", ");
  svg.append("text").attr("class", "chart-title").attr("x", margin.left).attr("y", 14)
    .text((items[0].object || "claims") + (measure ? " (" + measure + ")" : ""));

  const symbol = {
    exact: d3.symbol(d3.symbolCircle, 70)(),
    lower: d3.symbol(d3.symbolTriangle, 80)(),
    upper: d3.symbol(d3.symbolTriangle, 80)(),
    approx: d3.symbol(d3.symbolDiamond, 70)(),
    range: d3.symbol(d3.symbolSquare, 40)(),
  };
  const points = svg.append("g").selectAll("a").data(items).join("a")
    .attr("class", (d) => "claim-point bound-" + d.bound)
    .attr("href", (d) => Dateline.reportUrl(d.report_id, "c" + d.idx));
  const cx = (d) => x(Dateline.midpoint(Dateline.day(d.date), Dateline.day(d.date_end)));
  points.filter((d) => d.date_end && d.date_end !== d.date).append("line").attr("class", "claim-span")
    .attr("x1", (d) => x(Dateline.day(d.date))).attr("x2", (d) => x(Dateline.day(d.date_end)))
    .attr("y1", (d) => y(d.value)).attr("y2", (d) => y(d.value))
    .attr("stroke", (d) => colour(d.source_label || "unsourced"));
  points.filter((d) => d.bound === "range" && Number.isFinite(d.value_max)).append("line")
    .attr("class", "claim-range").attr("x1", cx).attr("x2", cx)
    .attr("y1", (d) => y(d.value)).attr("y2", (d) => y(d.value_max))
    .attr("stroke", (d) => colour(d.source_label || "unsourced"));
  points.append("path").attr("class", "claim-mark")
    .attr("d", (d) => symbol[d.bound] || symbol.exact)
    .attr("transform", (d) => "translate(" + cx(d) + "," + y(d.value) + ")" + (d.bound === "upper" ? " rotate(180)" : ""))
    .attr("fill", (d) => colour(d.source_label || "unsourced"));
  points.append("text").attr("class", "chart-label").attr("x", (d) => cx(d) + 8).attr("y", (d) => y(d.value) - 6)
    .text((d) => (d.source_label || "unsourced"));
  const bounds = { exact: "", lower: "at least ", upper: "at most ", approx: "about ", range: "" };
  points.append("title").text((d) =>
    (bounds[d.bound] || "") + Dateline.number(d.value) +
    (d.bound === "range" ? "–" + Dateline.number(d.value_max) : "") + " " + (d.object || "") +
    "\nsource: " + (d.source_label || "unsourced") + " · bound: " + d.bound +
    "\ndate: " + (d.time_value || d.date) + (d.dated_by === "report" ? " (the report's date)" : "") +
    "\n“" + d.text + "”\n" + (d.title || d.report_id));

  // Legends: bound shapes, then sources.
  const legend = svg.append("g").attr("transform", "translate(" + (width - margin.right + 16) + "," + margin.top + ")");
  const shapes = ["exact", "lower", "upper", "approx", "range"];
  const labels = { exact: "exact", lower: "at least", upper: "at most", approx: "about", range: "range" };
  shapes.forEach((b, i) => {
    const row = legend.append("g").attr("transform", "translate(0," + i * 18 + ")");
    row.append("path").attr("d", symbol[b]).attr("fill", "#66707c")
      .attr("transform", "translate(6,0)" + (b === "upper" ? " rotate(180)" : ""));
    row.append("text").attr("class", "chart-label").attr("x", 18).attr("dy", "0.35em").text(labels[b]);
  });
  sources.forEach((s, i) => {
    const row = legend.append("g").attr("transform", "translate(0," + (shapes.length * 18 + 14 + i * 18) + ")");
    row.append("rect").attr("x", 0).attr("y", -5).attr("width", 12).attr("height", 10).attr("fill", colour(s));
    row.append("text").attr("class", "chart-label").attr("x", 18).attr("dy", "0.35em").text(s);
  });
  el.dataset.points = String(items.length);
});
