"""The web page in a real browser: Debian's chromium driven by Playwright against uvicorn.

Skips cleanly when /usr/bin/chromium or Playwright is absent. Screenshots go to test-artifacts/.
Every request the pages make is checked to stay on this machine (the pages work offline).
"""
from __future__ import annotations

import http.client
import importlib.util
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
FIXTURES = Path(__file__).parent / "fixtures" / "web"

pytestmark = pytest.mark.browser
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

_spec = importlib.util.spec_from_file_location("web_fixture_records_browser", FIXTURES / "records.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)

NODE_MODULES = ROOT / "node_modules"
needs_libraries = pytest.mark.skipif(not (NODE_MODULES / "d3" / "dist").is_dir(),
                                     reason="browser libraries missing: run `npm ci` at the repo root")

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from dateline.web import create_app

    db = fx.build_store(tmp_path_factory.mktemp("browser") / "store.db")
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):  # up to 10 s for the server to come up
        if srv.started:
            break
        time.sleep(0.05)
    else:
        pytest.fail("uvicorn did not start")
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


class Watch:
    """What a page did: requests that left the machine, script errors, console errors."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch = Watch()

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            watch.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.on("pageerror", lambda exc: watch.errors.append(f"pageerror: {exc}"))
    pg.on("console", lambda msg: msg.type == "error" and watch.errors.append(f"console: {msg.text}"))
    pg.watch = watch
    yield pg
    context.close()
    assert watch.outside == [], "pages must work offline"
    assert watch.errors == []


@needs_libraries
def test_report_page_shows_highlights_and_links_a_quote_to_its_speaker(page, server):
    page.goto(server + "/reports/summit")
    text = page.locator("#report-text")
    assert text.locator("mark.ent.ent-PERSON").count() >= 8
    for selector in ("mark.ent-FAC", "mark.ent-GPE", ".hl-time", ".hl-quote", ".hl-claim", ".hl-trigger"):
        assert text.locator(selector).first.is_visible(), selector
    assert "2023-09-13" in text.locator("#t0").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-page.png"), full_page=True)

    # The side panel's sentence link lands on the sentence.
    page.locator(".panel-claims .to-sentence").first.click()
    target = page.url.split("#", 1)[1]
    assert target.startswith("s")
    assert "at least 300 shipping containers" in page.locator(f"#{target}").inner_text()

    # The quote's speaker label leads to the speaker's page.
    page.locator('#report-text a.speaker[data-quote="q0"]').click()
    page.wait_for_url("**/actor?name=Kim+Jong+Un")
    assert page.locator("#actor-name").inner_text() == "Kim Jong Un"
    page.wait_for_selector("#network[data-state=drawn]")
    page.wait_for_selector("#timeline[data-state=drawn]")
    assert page.locator("#network .node").count() == 2
    assert page.locator("#timeline circle.dot").count() == 2


def test_layer_switch_hides_a_kind_of_highlight(page, server):
    page.goto(server + "/reports/summit")
    label = page.locator("#report-text .hl-claim .hl-label").first
    assert label.is_visible()
    page.locator('input[data-layer="claims"]').uncheck()
    assert not label.is_visible()


@needs_libraries
def test_map_draws_the_world_and_the_places(page, server):
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-state=drawn]")
    assert page.locator("#map path.country").count() > 150
    n_places = len(page.request.get(server + "/api/places").json()["items"])
    assert page.locator("#map circle.place").count() == n_places > 5
    assert page.locator("#map circle.event-loc").count() == 3  # Vostochny, Komsomolsk, Kharkiv
    page.locator("#map").screenshot(path=str(ARTIFACTS / "map.png"))


@needs_libraries
def test_claims_chart_draws_a_point_per_claim(page, server):
    page.goto(server + "/claims?object=tanks")
    page.wait_for_selector("#claims-chart[data-state=drawn]")
    points = page.locator("#claims-chart a.claim-point")
    assert points.count() == 4
    assert {points.nth(i).get_attribute("class").split("bound-")[1] for i in range(4)} == {
        "lower", "approx", "range", "upper"}
    labels = page.locator("#claims-chart .chart-label").all_text_contents()
    assert {"Moscow", "Independent analysts", "British intelligence", "Ukrainian military"} <= set(labels)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#claims-chart").screenshot(path=str(ARTIFACTS / "claims-chart.png"))


@needs_libraries
def test_events_timeline_and_filters(page, server):
    page.goto(server + "/events")
    page.wait_for_selector("#timeline[data-state=drawn]")
    assert page.locator("#timeline circle.dot").count() == 5
    page.select_option('select[name="root"]', "04")
    page.locator("form.filters button").click()
    page.wait_for_url("**/events?root=04**")
    page.wait_for_selector("#timeline[data-state=drawn]")
    assert page.locator("#timeline circle.dot").count() == 2
    assert page.locator("table.events-table tbody tr").count() == 2


def test_search_from_the_header(page, server):
    page.goto(server + "/")
    page.fill(".quick-search input", "tanks")
    page.press(".quick-search input", "Enter")
    page.wait_for_url("**/?q=tanks")
    assert page.locator("#report-total").inner_text() == "3"
    assert page.locator(".snippet mark").count() >= 3


def test_hostile_report_renders_inert(page, server):
    for url in ("/reports/hostile", "/", "/quotes", "/actors", "/events", "/claims?object=" +
                '<svg onload="window.__pwned=1">drones'):
        page.goto(server + url)
        page.mouse.move(300, 300)
        assert page.evaluate("window.__pwned") is None, url
    page.goto(server + "/reports/hostile")
    text = page.locator("#report-text")
    for element in ("script", "img", "svg", "b", "i"):
        assert text.locator(element).count() == 0, element
    shown = text.inner_text()  # the text as shown, labels (entity types, values) among it
    assert "<script>window" in shown and '.__pwned = "script";</script>' in shown
    assert "<img src=x onerror=" in shown and "&lt;escaped&gt;" in shown
    assert page.locator("#report-title").inner_text().startswith("<img src=x")
    for handle in text.locator("mark, .hl-quote, .hl-claim").all():
        handle.hover()
    page.locator('#report-text a.speaker[data-quote="q0"]').hover()
    assert page.evaluate("window.__pwned") is None
    # The javascript: URL is plain text, not a link.
    assert page.locator('a[href^="javascript:"]').count() == 0


def test_static_traversal_over_the_real_server(server):
    host, port = urlparse(server).hostname, urlparse(server).port
    for path in ("/static/../app.py", "/static/../../store/schema.sql", "/static/%2e%2e/app.py",
                 "/vendor/d3/../package.json", "/vendor/world-atlas/../../package.json"):
        con = http.client.HTTPConnection(host, port, timeout=10)
        con.request("GET", path)  # http.client sends the path as given, dots and all
        response = con.getresponse()
        body = response.read()
        con.close()
        assert response.status == 404, (path, response.status)
        assert b"import" not in body
