// Map page: places and event locations on a world outline. The outline is world-atlas's
// TopoJSON (Natural Earth, from npm, served by this server); no tiles, nothing remote.
"use strict";
Dateline.figure("map", async function (el) {
  const [world, places] = await Promise.all([
    Dateline.getJSON(el.dataset.atlas),
    Dateline.getJSON(el.dataset.api),
  ]);
  const width = 960, height = 500;
  const svg = d3.select(el).append("svg")
    .attr("viewBox", [0, 0, width, height]).attr("role", "img").attr("class", "map-svg");
  const projection = d3.geoNaturalEarth1().fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const g = svg.append("g");

  g.append("path").datum({ type: "Sphere" }).attr("class", "sphere").attr("d", path);
  g.append("path").datum(d3.geoGraticule10()).attr("class", "graticule").attr("d", path);
  const countries = topojson.feature(world, world.objects.countries);
  g.append("g").selectAll("path").data(countries.features).join("path")
    .attr("class", "country").attr("d", path)
    .append("title").text((d) => (d.properties && d.properties.name) || "");
  g.append("path")
    .datum(topojson.mesh(world, world.objects.countries, (a, b) => a !== b))
    .attr("class", "border").attr("d", path);

  const items = places.items.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  // Absolute sizes, so one report is a small dot whatever else is in the store.
  const radius = (n) => Math.min(3 + 2 * Math.sqrt(n), 18);
  const marks = g.append("g").attr("class", "places").selectAll("a")
    .data(items.sort((a, b) => b.reports - a.reports)).join("a")
    .attr("href", (d) => Dateline.actorUrl(d.name))
    .attr("transform", (d) => "translate(" + projection([d.lon, d.lat]) + ")");
  marks.append("circle").attr("class", "place").attr("r", (d) => radius(d.reports));
  marks.filter((d) => d.events > 0).append("circle").attr("class", "event-loc")
    .attr("r", (d) => radius(d.reports) + 2 + Math.sqrt(d.events) * 1.5);
  marks.append("title").text((d) =>
    d.name + (d.country ? " (" + d.country + ")" : "") + " — " + d.reports + " report(s), " +
    d.mentions + " mention(s), " + (d.events || 0) + " event(s) located here");

  svg.call(d3.zoom().scaleExtent([1, 16]).translateExtent([[0, 0], [width, height]])
    .on("zoom", (event) => {
      g.attr("transform", event.transform);
      // Keep markers the same size on screen while the world grows.
      marks.selectAll("circle").attr("transform", "scale(" + 1 / event.transform.k + ")");
    }));
  if (!items.length) {
    svg.append("text").attr("x", width / 2).attr("y", height - 20).attr("text-anchor", "middle")
      .attr("class", "chart-title").text("No geocoded places in the store yet.");
  }
  el.dataset.places = String(items.length);
});
