// Actor page: the actor and its counterparts in events, as a force-directed graph. Arrows run
// from source to target; green edges are on average cooperative (Goldstein > 0), red conflictual.
"use strict";
Dateline.figure("network", async function (el) {
  const data = (await Dateline.getJSON(el.dataset.api)).network;
  if (data.nodes.length < 2) {
    Dateline.message(el, "No counterparts in events yet.");
    el.dataset.state = "empty";
    return;
  }
  const width = 560, height = 380;
  const nodes = data.nodes.map((d) => Object.assign({}, d));
  const links = data.edges.map((d) => Object.assign({}, d));
  const ego = nodes.find((n) => n.ego);
  ego.fx = width / 2;
  ego.fy = height / 2;
  const size = d3.scaleSqrt().domain([0, d3.max(nodes, (n) => n.events) || 1]).range([6, 20]);
  // Laid out in full before drawing (d3's default random source is seeded, so it is repeatable).
  const simulation = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(130))
    .force("charge", d3.forceManyBody().strength(-420))
    .force("collide", d3.forceCollide((d) => size(d.events) + 22))
    .force("x", d3.forceX(width / 2).strength(0.04))
    .force("y", d3.forceY(height / 2).strength(0.06))
    .stop();
  for (let i = 0; i < 300; i += 1) simulation.tick();
  for (const n of nodes) {
    n.x = Math.max(40, Math.min(width - 40, n.x));
    n.y = Math.max(20, Math.min(height - 20, n.y));
  }

  const svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]).attr("role", "img");
  svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -5 10 10")
    .attr("refX", 10).attr("markerWidth", 7).attr("markerHeight", 7).attr("orient", "auto")
    .append("path").attr("class", "arrow").attr("d", "M0,-4L10,0L0,4");
  const width_of = d3.scaleLinear().domain([1, d3.max(links, (l) => l.events) || 1]).range([1.5, 6]);
  // Edges stop at the target's rim so the arrowhead shows.
  const end = (l) => {
    const dx = l.target.x - l.source.x, dy = l.target.y - l.source.y;
    const len = Math.hypot(dx, dy) || 1, r = size(l.target.events) + 3;
    return [l.target.x - (dx / len) * r, l.target.y - (dy / len) * r];
  };
  svg.append("g").selectAll("line").data(links).join("line")
    .attr("class", (l) => "link" + (l.goldstein > 0 ? " coop" : l.goldstein < 0 ? " conflict" : ""))
    .attr("stroke-width", (l) => width_of(l.events)).attr("marker-end", "url(#arrow)")
    .attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y)
    .attr("x2", (l) => end(l)[0]).attr("y2", (l) => end(l)[1])
    .append("title").text((l) => l.source.id + " → " + l.target.id + ": " + l.events + " event(s), CAMEO roots " +
      Object.keys(l.roots).join(", ") + (l.goldstein !== null ? ", mean Goldstein " + l.goldstein : ""));
  const node = svg.append("g").selectAll("a").data(nodes).join("a")
    .attr("class", (d) => "node" + (d.ego ? " ego" : ""))
    .attr("href", (d) => Dateline.actorUrl(d.id))
    .attr("transform", (d) => "translate(" + d.x + "," + d.y + ")");
  node.append("circle").attr("r", (d) => size(d.events));
  node.append("text").attr("y", (d) => size(d.events) + 13).attr("text-anchor", "middle")
    .text((d) => d.id + (d.country ? " · " + d.country : ""));
  node.append("title").text((d) => d.id + ": " + d.events + " event(s)");
  el.dataset.nodes = String(nodes.length);
});
