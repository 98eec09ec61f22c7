"""The web app's JSON API and pages over a store of hand-built records (tests/fixtures/web)."""
from __future__ import annotations

import importlib.util
import json
import random
import re
import sqlite3
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dateline.store import Store, queries
from dateline.web import create_app
from dateline.web.endpoints import ENDPOINTS
from dateline.web.highlight import Mark, render
from dateline.web.params import MAX_PAGE_SIZE
from dateline.web.sentences import sentence_spans
from dateline.web.timex import timex_range

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx is what we have
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

FIXTURES = Path(__file__).parent / "fixtures" / "web"
_spec = importlib.util.spec_from_file_location("web_fixture_records", FIXTURES / "records.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)

PAGES = ["/", "/?q=tanks", "/reports/summit", "/reports/hostile", "/actors", "/actor?name=Kim+Jong+Un",
         "/events", "/events?root=04", "/claims", "/claims?object=tanks", "/quotes", "/map", "/api"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return fx.build_store(tmp_path_factory.mktemp("web") / "store.db")


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db), raise_server_exceptions=False)


def get_json(client: TestClient, url: str, status: int = 200) -> dict:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


# --- pages -----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in r.headers
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_report_page_highlights_every_item_from_its_offsets(client):
    html = client.get("/reports/summit").text
    assert report_text(html) == fx.text_of("summit.txt")
    assert '<mark class="ent ent-PERSON"' in html and '<mark class="ent ent-FAC"' in html
    assert 'class="hl-time time-DATE"' in html and '<span class="hl-label">2023-09-13</span>' in html
    assert 'class="hl-quote quote-direct"' in html and 'id="q0"' in html
    # The quote's speaker is a link to the speaker's actor page.
    assert 'href="/actor?name=Kim+Jong+Un" data-quote="q0"' in html
    assert 'class="hl-claim bound-lower"' in html and 'id="c0"' in html
    assert 'class="hl-trigger quad-1"' in html and 'id="ev0"' in html
    # The side panel links each item back to its sentence.
    targets = re.findall(r'class="to-sentence" href="#(s\d+)"', html)
    assert len(targets) == 3 + 2 + 1
    assert set(targets) <= set(re.findall(r'id="(s\d+)"', html))
    # Every panel anchor exists in the text.
    for anchor in re.findall(r'<li>\s*<a[^>]* href="#((?:ev|q|c|t|m)[0-9-]+)"', html):
        assert f'id="{anchor}"' in html, anchor


def test_reports_page_counts_and_filters(client):
    html = client.get("/?source=fixtures/tanks").text
    assert '<strong id="report-total">3</strong>' in html
    html = client.get("/?country=KOR").text
    assert '<strong id="report-total">1</strong>' in html and "remote spaceport" in html


def test_pages_paginate(client):
    html = client.get("/?limit=2").text
    assert 'href="/?limit=2&amp;offset=2" rel="next"' in html and "1–2 of 5" in html
    html = client.get("/?limit=2&offset=2").text
    assert 'href="/?limit=2&amp;offset=0" rel="prev"' in html
    html = client.get("/actor?name=Kim+Jong+Un&limit=1").text
    assert "1–1 of 4" in html  # four mentions, the longest list


def test_pages_still_render_without_the_browser_libraries(db, monkeypatch):
    import dateline.web.app as web_app

    monkeypatch.setattr(web_app, "find_node_modules", lambda explicit=None: None)
    client = TestClient(create_app(db))
    page = client.get("/map")
    assert page.status_code == 200 and "npm ci" in page.text
    assert client.get("/vendor/d3/d3.min.js").status_code == 404


def test_page_with_bad_parameter_is_a_400_page(client):
    r = client.get("/events?root=99")
    assert r.status_code == 400 and "text/html" in r.headers["content-type"]
    assert "CAMEO root" in r.text


def test_unknown_report_page_is_404(client):
    assert client.get("/reports/nope").status_code == 404
    assert client.get("/actor?name=Nobody+At+All").status_code == 404


# --- hostile report ----------------------------------------------------------------------------

HOSTILE_RAW = ["<script>window", "<img src=x", "<svg onload", "<b onmouseover", "<i onmouseover",
               "</span></mark><script>", 'href="javascript:']


@pytest.mark.parametrize("url", PAGES + ["/actor?name=" + fx.HOSTILE_NAME, "/quotes?speaker=Spokes",
                                         "/claims?object=%3Csvg+onload%3D%22window.__pwned%3D1%22%3Edrones"])
def test_hostile_html_is_never_markup(client, url):
    r = client.get(url)
    assert r.status_code == 200
    for raw in HOSTILE_RAW:
        assert raw not in r.text, (url, raw)


def report_text(html: str) -> str:
    """The report's text as a browser shows it (labels left out), from the page's HTML."""
    start = html.index('<div class="report-text" id="report-text">')
    end = html.rindex("</div>", 0, html.index('<aside class="panel"')) + len("</div>")
    tree = _Tree()
    tree.feed(html[start:end])
    return "".join(tree.text)


def test_hostile_report_shows_its_text_escaped(client):
    html = client.get("/reports/hostile").text
    assert report_text(html) == fx.text_of("hostile.txt")
    assert "&lt;img src=x onerror=&#34;window.__pwned=&#39;img&#39;&#34;&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=&#39;img&#39;&#34;&gt;" in html
    assert "&amp;lt;escaped&amp;gt;" in html  # entities in the text stay literal text
    # A javascript: URL is shown as text, never made a link.
    assert '<span class="url">javascript:' in html


def test_hostile_text_round_trips_through_the_api(client):
    rec = get_json(client, "/api/reports/hostile")
    assert rec["text"] == fx.text_of("hostile.txt")
    assert rec["title"].startswith("<img src=x")


# --- JSON API --------------------------------------------------------------------------------

def test_reports_endpoint_lists_with_counts_and_facets(client):
    body = get_json(client, "/api/reports")
    assert body["total"] == 5 and body["limit"] == 50 and body["offset"] == 0
    assert body["next_offset"] is None
    summit = next(r for r in body["items"] if r["id"] == "summit")
    assert (summit["n_entities"], summit["n_quotes"], summit["n_claims"], summit["n_events"],
            summit["n_times"]) == (9, 2, 1, 3, 2)
    assert summit["date"] == "2023-09-13"
    assert [r["date"] for r in body["items"]] == sorted((r["date"] for r in body["items"]), reverse=True)
    countries = {f["value"]: f["n"] for f in body["facets"]["countries"]}
    assert countries["RUS"] == 3 and countries["KOR"] == 1
    sources = {f["value"] for f in body["facets"]["sources"]}
    assert "fixtures/summit.txt" in sources


@pytest.mark.parametrize("query, ids", [
    ("country=KOR", {"summit"}),
    ("country=gbr", {"tanks-july"}),
    ("from=2023-09", {"summit", "tanks-august", "hostile"}),
    ("to=2023-07", {"tanks-june", "tanks-july"}),
    ("from=2023-07-01&to=2023-09-01", {"tanks-july", "tanks-august"}),
    ("source=fixtures/tanks", {"tanks-june", "tanks-july", "tanks-august"}),
    ("source=https://example.org/", {"summit"}),
    ("source=fixtures/tanks_", set()),  # LIKE wildcards match themselves
    ("q=tanks", {"tanks-june", "tanks-july", "tanks-august"}),
    ("q=tanks&country=GBR", {"tanks-july"}),
    ("q=Vostochny", {"summit"}),
])
def test_reports_filters(client, query, ids):
    body = get_json(client, "/api/reports?" + query)
    assert {r["id"] for r in body["items"]} == ids
    assert body["total"] == len(ids)


def test_reports_pagination(client):
    first = get_json(client, "/api/reports?limit=2")
    assert len(first["items"]) == 2 and first["next_offset"] == 2 and first["total"] == 5
    second = get_json(client, "/api/reports?limit=2&offset=2")
    last = get_json(client, "/api/reports?limit=2&offset=4")
    assert last["next_offset"] is None and len(last["items"]) == 1
    ids = [r["id"] for r in first["items"] + second["items"] + last["items"]]
    assert len(set(ids)) == 5
    assert get_json(client, "/api/reports?offset=100")["items"] == []


def test_search_snippets_mark_matches_and_escape_text(client):
    body = get_json(client, "/api/search?q=window")
    assert [h["id"] for h in body["items"]] == ["hostile"]
    hit = body["items"][0]
    assert "<mark>window</mark>" in hit["snippet_html"]
    assert "<script>" not in hit["snippet_html"] and "&lt;script&gt;" in hit["snippet_html"]
    assert "\x02" not in hit["snippet"] and "<script>" in hit["snippet"]


@pytest.mark.parametrize("q", ['"', "tanks OR", "NEAR(tanks", "*", "a AND b", "tanks -", "title:tanks",
                               "^tanks", "(", '""""', "tanks'; DROP TABLE reports; --", "%", "_"])
def test_search_input_is_never_fts_syntax(client, q):
    body = get_json(client, "/api/search?" + _qs(q=q))
    assert isinstance(body["items"], list)
    assert get_json(client, "/api/reports?" + _qs(q=q))["total"] >= 0


def _qs(**params) -> str:
    from urllib.parse import urlencode
    return urlencode(params)


def test_report_endpoint_returns_the_record(client):
    rec = get_json(client, "/api/reports/summit")
    assert rec == json.loads(json.dumps(fx.summit().to_dict()))
    for ent in rec["entities"]:
        for m in ent["mentions"]:
            assert rec["text"][m["start"]:m["end"]] == m["text"]


def test_report_ids_with_slashes_and_odd_characters(tmp_path):
    from dataclasses import replace
    from urllib.parse import quote

    odd = 'feed/2023/09 #1?x=<b>&y'
    path = tmp_path / "odd.db"
    with Store(path) as store:
        store.put(replace(fx.summit(), id=odd))
    client = TestClient(create_app(path))
    assert get_json(client, "/api/reports/" + quote(odd, safe=""))["id"] == odd
    listed = client.get("/").text
    assert 'href="/reports/feed%2F2023%2F09%20%231%3Fx%3D%3Cb%3E%26y"' in listed
    page = client.get("/reports/" + quote(odd, safe=""))
    assert page.status_code == 200 and 'data-report="feed/2023/09 #1?x=&lt;b&gt;&amp;y"' in page.text


def test_entities_endpoint(client):
    body = get_json(client, "/api/entities?type=PERSON")
    names = [e["name"] for e in body["items"]]
    assert "Kim Jong Un" in names and "Vladimir Putin" in names
    assert all(e["type"] == "PERSON" for e in body["items"])
    body = get_json(client, "/api/entities?name=kim")
    assert [e["name"] for e in body["items"]] == ["Kim Jong Un"]
    russia = get_json(client, "/api/entities?name=Russia&type=GPE")["items"][0]
    assert russia["reports"] == 2 and russia["has_geo"] == 1


def test_actor_endpoint(client):
    body = get_json(client, "/api/actor?" + _qs(name="Kim Jong Un"))
    assert body["profile"][0]["country"] == "PRK" and body["profile"][0]["role"] == "GOV"
    assert body["mentions"]["total"] == 4
    m = body["mentions"]["items"][1]
    assert m["text"] == "Kim Jong Un" and m["left"].endswith("North Korean leader ")
    assert [e["code"] for e in body["events"]["items"]] == ["040", "042"]
    assert body["quotes"]["total"] == 1
    nodes = {n["id"]: n for n in body["network"]["nodes"]}
    assert nodes["Kim Jong Un"]["ego"] and "Vladimir Putin" in nodes
    assert body["network"]["edges"] == [{"source": "Kim Jong Un", "target": "Vladimir Putin",
                                         "events": 1, "roots": {"04": 1}, "goldstein": 1.0}]


def test_actor_found_through_event_entity_links(client):
    # "Putin" in the event points at entity e2, so the event belongs to "Vladimir Putin".
    body = get_json(client, "/api/actor?" + _qs(name="Vladimir Putin"))
    assert {e["code"] for e in body["events"]["items"]} == {"040", "033"}
    sides = {e["code"]: e["side"] for e in body["events"]["items"]}
    assert sides == {"040": "target", "033": "source"}


def test_events_endpoint_and_filters(client):
    body = get_json(client, "/api/events")
    assert body["total"] == 5
    met = next(e for e in body["items"] if e["code"] == "040")
    assert met["source_label"] == "Kim Jong Un" and met["target_label"] == "Vladimir Putin"
    assert met["date"] == "2023-09-13" and met["dated_by"] == "text"
    assert met["root_name"] == "Consult" and met["quad"] == 1
    offered = next(e for e in body["items"] if e["code"] == "033")
    assert offered["dated_by"] == "report" and offered["source_label"] == "Vladimir Putin"
    assert [e["date"] for e in body["items"]] == sorted(e["date"] for e in body["items"])
    roots = {f["value"]: f["n"] for f in body["facets"]["roots"]}
    assert roots == {"01": 1, "03": 1, "04": 2, "19": 1}
    assert {e["code"] for e in get_json(client, "/api/events?root=4")["items"]} == {"040", "042"}
    assert [e["code"] for e in get_json(client, "/api/events?root=19")["items"]] == ["190"]
    assert [e["code"] for e in get_json(client, "/api/events?modality=planned")["items"]] == ["033"]
    assert {e["code"] for e in get_json(client, "/api/events?country=UKR")["items"]} == {"190"}
    assert {e["code"] for e in get_json(client, "/api/events?country=prk")["items"]} == {"040", "033", "042"}
    assert get_json(client, "/api/events?from=2023-07&to=2023-08")["total"] == 0
    assert get_json(client, "/api/events?to=2023-06")["total"] == 1


def test_claims_endpoint(client):
    body = get_json(client, "/api/claims?object=tanks")
    assert body["total"] == 4
    points = [(c["date"], c["value"], c["bound"], c["source_label"]) for c in body["items"]]
    assert points == [("2023-06-09", 2000, "lower", "Ukrainian military"),
                      ("2023-07-01", 2300, "approx", "British intelligence"),
                      ("2023-08-01", 2100, "range", "Independent analysts"),
                      ("2023-08-01", 500, "upper", "Moscow")]
    assert body["items"][2]["value_max"] == 2400 and body["items"][1]["date_end"] == "2023-07-31"
    assert get_json(client, "/api/claims?object=TANKS")["total"] == 4
    objects = {o["value"]: o["n"] for o in body["objects"]}
    assert objects["tanks"] == 4 and objects["shipping containers"] == 1
    assert get_json(client, "/api/claims?source=moscow")["total"] == 1


def test_quotes_endpoint(client):
    body = get_json(client, "/api/quotes?speaker=Kim")
    assert [q["speaker_label"] for q in body["items"]] == ["Kim Jong Un"]
    assert get_json(client, "/api/quotes?speaker=%25")["total"] == 0  # % is not a wildcard
    assert get_json(client, "/api/quotes?report=summit")["total"] == 2
    assert get_json(client, "/api/quotes")["total"] == 3


def test_places_endpoint(client):
    body = get_json(client, "/api/places")
    places = {p["name"]: p for p in body["items"]}
    assert places["Seoul"]["lat"] == pytest.approx(37.57) and places["Seoul"]["country"] == "KOR"
    assert places["Vostochny Cosmodrome"]["events"] == 1 and places["Kharkiv"]["events"] == 1
    assert places["Russia"]["reports"] == 2
    assert "Kim Jong Un" not in places
    assert "North Korean" not in places  # a demonym points at its country but is no place name
    assert {p["name"] for p in get_json(client, "/api/places?country=GBR")["items"]} == {"London"}


def test_openapi_describes_every_endpoint(client):
    spec = get_json(client, "/api/openapi.json")
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {ep.path.replace(":path}", "}") for ep in ENDPOINTS}
    for path, item in spec["paths"].items():
        op = item["get"]
        assert {"200", "400", "404"} <= set(op["responses"])
        for ref in _refs(op):
            assert ref.split("/")[-1] in spec["components"]["schemas"]
    limit = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == MAX_PAGE_SIZE


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


# --- bad parameters: 4xx JSON, never 500 -------------------------------------------------------

LIST_ENDPOINTS = [ep.path for ep in ENDPOINTS if "limit" in {p.name for p in ep.params}]
REQUIRED = {"/api/search": "q=tanks&", "/api/actor": "name=Russia&"}


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
@pytest.mark.parametrize("bad, parameter", [
    ("limit=0", "limit"), (f"limit={MAX_PAGE_SIZE + 1}", "limit"), ("limit=abc", "limit"),
    ("limit=-1", "limit"), ("limit=1e3", "limit"), ("limit=%D9%A3", "limit"), ("offset=-5", "offset"),
    ("offset=99999999999", "offset"), ("limt=5", "limt"), ("limit=5&limit=6", "limit"),
])
def test_bad_paging_is_a_400_with_json(client, path, bad, parameter):
    body = get_json(client, f"{path}?{REQUIRED.get(path, '')}{bad}", status=400)
    assert body["error"]["code"] == "bad_parameter" and body["error"]["parameter"] == parameter
    assert body["error"]["message"]


@pytest.mark.parametrize("url, parameter", [
    ("/api/events?root=21", "root"), ("/api/events?root=x", "root"), ("/api/events?root=004", "root"),
    ("/api/events?modality=maybe", "modality"), ("/api/events?country=RU", "country"),
    ("/api/events?country=R%C3%9CS", "country"), ("/api/events?from=2023-13", "from"),
    ("/api/events?to=2023-02-30", "to"), ("/api/reports?from=yesterday", "from"),
    ("/api/entities?type=ANIMAL", "type"), ("/api/search", "q"), ("/api/search?q=", "q"),
    ("/api/actor", "name"), ("/api/reports?q=" + "x" * 201, "q"), ("/api/reports?q=a%00b", "q"),
    ("/api/quotes?speaker=%1b[31m", "speaker"), ("/api/reports/a%00b", "id"),
    ("/api/reports/" + "x" * 201, "id"),
])
def test_bad_values_are_400_with_json(client, url, parameter):
    body = get_json(client, url, status=400)
    assert body["error"]["parameter"] == parameter and body["error"]["status"] == 400


def test_unknown_things_are_404_json(client):
    assert get_json(client, "/api/reports/nope", 404)["error"]["code"] == "not_found"
    assert get_json(client, "/api/actor?name=Nobody", 404)["error"]["code"] == "not_found"
    assert get_json(client, "/api/nothing-here", 404)["error"]["code"] == "not_found"


def test_other_methods_are_405_json(client):
    r = client.post("/api/reports", json={})
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert client.delete("/api/reports/summit").status_code == 405


def test_random_hostile_parameters_never_cause_a_server_error(client):
    rng = random.Random(20231113)
    alphabet = ['"', "'", "*", "(", ")", ":", "^", "-", "%", "_", "\\", "<", ">", "&", "/", "..",
                "NEAR", "OR", "AND", "é", "ß", "日本", "\u202e", "\ufeff", "\x00", "\x07", "%00", " ",
                "tanks", "Kim", "1", "-1", "9" * 30, "2023-09", "RUS", "04"]
    for _ in range(300):
        ep = rng.choice(ENDPOINTS)
        names = [p.name for p in ep.params] + ["junk"]
        params = {rng.choice(names): "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
                  for _ in range(rng.randint(1, 3))}
        path = ep.path.replace("{id:path}", rng.choice(["summit", "x", "..", "%2e%2e", "a/b"]))
        r = client.get(path, params=params)
        assert r.status_code in (200, 400, 404), (path, params, r.status_code, r.text[:300])
        assert "error" in r.json() if r.status_code != 200 else True


def test_query_over_its_time_limit_is_a_503(db, monkeypatch):
    from dateline.web import data

    def slow(*args, **kwargs):
        raise sqlite3.OperationalError("interrupted")

    monkeypatch.setattr(data.queries, "list_events", slow)
    client = TestClient(create_app(db), raise_server_exceptions=False)
    body = get_json(client, "/api/events", status=503)
    assert body["error"]["code"] == "timeout"
    assert client.get("/events").status_code == 503


def test_every_query_has_a_time_limit(db):
    con = queries.open_readonly(db, timeout_s=0.05)
    heavy = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100000000) "
             "SELECT count(*) FROM c")
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        queries.run(con, heavy)
    assert queries.run(con, "SELECT count(*) FROM reports")[0][0] == 5  # the deadline resets


def test_the_store_is_opened_read_only(db):
    con = queries.open_readonly(db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        queries.run(con, "DELETE FROM reports")


def test_app_refuses_a_missing_store(tmp_path):
    from dateline.errors import StoreError

    with pytest.raises(StoreError):
        create_app(tmp_path / "absent.db")
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        create_app(tmp_path / "junk.db")


# --- static files ----------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fstore%2fschema.sql",
    "/static/..%5capp.py", "/static/%2fetc%2fpasswd", "/vendor/d3/%2e%2e/package.json",
    "/vendor/world-atlas/..%2f..%2fpackage.json", "/vendor/d3/%2e%2e%2f%2e%2e%2fd3-geo/package.json",
])
def test_static_paths_cannot_leave_their_folder(client, url):
    r = client.get(url)
    assert r.status_code == 404, url


def test_static_and_vendor_files_are_served(client):
    assert client.get("/static/dateline.css").status_code == 200
    assert client.get("/static/cameo.json").json()["roots"]["04"]["name"] == "Consult"
    if (Path(__file__).parents[1] / "node_modules" / "d3").is_dir():
        assert client.get("/vendor/d3/d3.min.js").status_code == 200
        atlas = client.get("/vendor/world-atlas/countries-110m.json").json()
        assert atlas["type"] == "Topology"


# --- highlight rendering, sentences, dates -----------------------------------------------------

class _Tree(HTMLParser):
    """Checks nesting and collects the text outside labels."""

    LABELS = ("hl-label", "ent-label", "hl-code")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        label = any(c in cls.split() for c in self.LABELS) or any(lab for _, lab in self.stack)
        self.stack.append((tag, label))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if not any(lab for _, lab in self.stack):
            self.text.append(data)


def test_overlapping_spans_render_as_well_formed_html_keeping_the_text():
    rng = random.Random(7)
    text = "<b>Kim</b> & \"Putin\" met at 'Vostochny'\non 13 Sept; <script>x</script> ok."
    for _ in range(200):
        marks = []
        for _ in range(rng.randint(1, 8)):
            a = rng.randrange(len(text))
            b = rng.randint(a + 1, len(text))
            layer = rng.choice(["quote", "claim", "entity", "time", "trigger", "sentence"])
            marks.append(Mark(a, b, layer, "x", anchor=f"a{a}",
                              label=render("L", []) if rng.random() < .5 else None))
        html = render(text, marks)
        tree = _Tree()
        tree.feed(str(html))
        tree.close()
        assert tree.stack == []
        assert "".join(tree.text).replace("L", "") == text.replace("L", "")


def test_label_goes_on_the_last_fragment_and_anchor_on_the_first():
    from markupsafe import Markup
    html = str(render("abcdef", [Mark(0, 4, "quote", "q", anchor="q0", label=Markup("<i>Q</i>")),
                                 Mark(2, 6, "entity", "e", anchor="e0", label=Markup("<i>E</i>"))]))
    assert html == ('<span class="q" id="q0">ab<span class="e" id="e0">cd</span><i>Q</i></span>'
                    '<span class="e cont">ef<i>E</i></span>')


def test_spans_off_the_text_are_not_highlighted():
    from dateline.web.report_view import ReportView
    rec = fx.summit().to_dict()
    rec["entities"][0]["mentions"].append({"text": "Kim", "start": 5, "end": 8})  # wrong offsets
    rec["quotes"].append({"text": "x", "start": 10_000, "end": 10_010, "kind": "direct", "speaker": None})
    view = ReportView(rec)
    view.html()
    assert view.skipped == 2


def test_sentences_keep_event_sentences_whole():
    text = "Mr. Kim met Gen. Putin. They talked.\nA new line. \"Quoted.\" Next"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["Mr. Kim met Gen. Putin.", "They talked.", "A new line.", '"Quoted."', "Next"]
    hinted = [text[s:e] for s, e in sentence_spans(text, [(0, 36)])]
    assert hinted[0] == "Mr. Kim met Gen. Putin. They talked."


@pytest.mark.parametrize("value, expected", [
    ("2023-09-13", ("2023-09-13", "2023-09-13")), ("2023-09-13T10:00", ("2023-09-13", "2023-09-13")),
    ("2023-09", ("2023-09-01", "2023-09-30")), ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2023-W37", ("2023-09-11", "2023-09-17")), ("2023-W37-WE", ("2023-09-16", "2023-09-17")),
    ("2023-Q4", ("2023-10-01", "2023-12-31")), ("2023-WI", ("2023-12-01", "2024-02-29")),
    ("2023-H1", ("2023-01-01", "2023-06-30")), ("2023", ("2023-01-01", "2023-12-31")),
    ("194X", ("1940-01-01", "1949-12-31")), ("P2Y", None), ("PRESENT_REF", None), (None, None),
    ("2023-02-30", None), ("XXXX-09", None),
])
def test_timex_values_on_the_calendar(value, expected):
    assert timex_range(value) == expected


# --- a store built by the real pipeline --------------------------------------------------------

@pytest.mark.slow
def test_a_store_built_by_real_analysis_renders(tmp_path):
    import dateline

    path = tmp_path / "real.db"
    with Store(path) as store:
        for name in ("summit.txt", "tanks-june.txt", "hostile.txt"):
            rec = dateline.analyze(fx.text_of(name), published="2023-09-14", id=name)
            store.put(rec)
    client = TestClient(create_app(path), raise_server_exceptions=False)
    for url in ["/", "/reports/summit.txt", "/reports/hostile.txt", "/events", "/claims", "/map",
                "/actors", "/quotes", "/api/places", "/api/events", "/api/claims"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
    html = client.get("/reports/hostile.txt").text
    assert "<script>window" not in html and "&lt;script&gt;window" in html
