"""`dateline` command line: a thin skin over the library (each command a few lines)."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from .errors import DatelineError, InputError

DEFAULT_DB = "dateline.db"


def _fail(msg: str) -> None:
    click.echo(f"error: {msg}", err=True)
    sys.exit(2)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
@click.version_option(package_name="dateline")
def main(verbose: bool) -> None:
    """Dateline: news reports to a sourced record of who did what to whom, when and where."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for reports that lack one.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record (a list if several).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON record per line.")
def analyze(paths: tuple[str, ...], published: str | None, as_json: bool, as_jsonl: bool) -> None:
    """Analyse reports (.txt, .html, .jsonl, folders, or - for stdin) and print their records."""
    from .batch import analyze_paths
    from .render import render

    failed = 0
    records = []
    for item in analyze_paths(paths, published=published):
        if isinstance(item, InputError):
            failed += 1
            click.echo(f"error: {item}", err=True)
            continue
        if as_jsonl:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        elif as_json:
            records.append(item.to_dict())
        else:
            click.echo(render(item) + "\n")
    if as_json:
        click.echo(json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False,
                              indent=2))
    if failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Store file (SQLite).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for reports that lack one.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--dask", "use_dask", is_flag=True,
              help="Analyse on Dask workers (a local cluster unless --scheduler is given).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Local Dask worker processes (implies --dask; default: one per CPU).")
@click.option("--scheduler", metavar="ADDR",
              help="Dask scheduler of a running cluster, e.g. tcp://host:8786 (implies --dask).")
@click.option("--chunk-size", default=16, show_default=True, type=click.IntRange(min=1),
              help="Reports per Dask task.")
def ingest(paths: tuple[str, ...], db: str, published: str | None, quiet: bool, use_dask: bool,
           workers: int | None, scheduler: str | None, chunk_size: int) -> None:
    """Analyse reports and store them; re-running skips what is already stored."""
    from tqdm import tqdm

    from .batch import ingest_paths

    if workers and scheduler:
        _fail("--workers sizes a local cluster; with --scheduler the cluster's workers are used")
    bar = tqdm(unit="report", disable=quiet, file=sys.stderr)
    try:
        if use_dask or workers or scheduler:
            from .scale import ingest_dask

            report = ingest_dask(paths, db, published=published, scheduler=scheduler,
                                 workers=workers, chunk_size=chunk_size,
                                 progress=lambda _: bar.update(1))
        else:
            report = ingest_paths(paths, db, published=published,
                                  progress=lambda _: bar.update(1))
    except DatelineError as exc:
        _fail(str(exc))
    finally:
        bar.close()
    for err in report.rejected:
        click.echo(f"error: {err}", err=True)
    click.echo(f"{report.stored} stored, {report.unchanged} unchanged, "
               f"{len(report.rejected)} rejected -> {db}")
    if report.rejected:
        sys.exit(1)


def _reader(db: str):
    from .store import queries

    try:
        return queries.open_readonly(db)
    except DatelineError as exc:
        _fail(str(exc))


@main.command()
@click.argument("report_id")
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def show(report_id: str, db: str, as_json: bool) -> None:
    """Show one stored report."""
    from .record import Record
    from .render import render
    from .store import queries

    data = queries.get_record(_reader(db), report_id)
    if data is None:
        _fail(f"no report {report_id!r} in {db}; `dateline search` finds ids")
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json
               else render(Record.from_dict(data)))


@main.command()
@click.argument("query")
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--limit", default=20, show_default=True)
def search(query: str, db: str, limit: int) -> None:
    """Full-text search over stored reports."""
    from .store import queries

    for hit in queries.search(_reader(db), query, limit=limit):
        click.echo(f"{hit['id']}  {hit['dct_value'] or '?':<10}  {hit['title'] or ''}\n"
                   f"    {hit['snippet']}")


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--type", "type_", help="PERSON, ORG, GPE, ...")
@click.option("--country", help="ISO alpha-3 code, e.g. RUS")
@click.option("--limit", default=100, show_default=True)
def entities(db: str, type_: str | None, country: str | None, limit: int) -> None:
    """Entities across the store, with their codes and counts."""
    from .store import queries

    for e in queries.entities(_reader(db), type=type_, country=country, limit=limit):
        code = " ".join(x for x in (e["country"], e["role"]) if x) or "-"
        click.echo(f"{e['type']:<8} {e['name']:<36} {code:<10} "
                   f"{e['reports']} reports, {e['mentions']} mentions")


def _with_sentences(con, rows):
    from .store import queries

    texts: dict[str, str] = {}
    for row in rows:
        rid = row["report_id"]
        if rid not in texts:
            texts[rid] = queries.run(con, "SELECT text FROM reports WHERE id=?", (rid,))[0][0]
        yield row, queries.sentence_of(texts[rid], row["start"], row["end"])


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--speaker", help="Only quotes whose speaker name contains this.")
@click.option("--limit", default=100, show_default=True)
def quotes(db: str, speaker: str | None, limit: int) -> None:
    """Quotations across the store, with speaker and source sentence."""
    from .store import queries

    con = _reader(db)
    for q, sentence in _with_sentences(con, queries.quotes(con, speaker=speaker, limit=limit)):
        click.echo(f"[{q['kind']}] {q['speaker_name'] or '(unattributed)'} — {q['title'] or q['report_id']}\n"
                   f"    “{q['text']}”\n    in: {sentence}")


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--object", "object_", help="Only claims whose counted object contains this.")
@click.option("--limit", default=100, show_default=True)
def claims(db: str, object_: str | None, limit: int) -> None:
    """Quantitative claims across the store, with bound, source, time and sentence."""
    from .store import queries

    con = _reader(db)
    for c, sentence in _with_sentences(con, queries.claims(con, object=object_, limit=limit)):
        value = f"{c['value']:g}" + (f"–{c['value_max']:g}" if c["value_max"] is not None else "")
        click.echo(f"{c['bound']:<6} {value} {c['object']}  source: {c['source_name'] or '-'}; "
                   f"time: {c['time_value'] or c['time_text'] or '-'} — {c['title'] or c['report_id']}\n"
                   f"    in: {sentence}")


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
def rejected(db: str) -> None:
    """Items that could not be analysed, with the reason."""
    from .store import queries

    for r in queries.rejected(_reader(db)):
        click.echo(f"{r['source']}: {r['reason']}")


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "gdelt"]), default="jsonl",
              show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="File (default stdout).")
def export(db: str, fmt: str, out_path: str | None) -> None:
    """Export stored records (jsonl) or events as GDELT 2.0 event-table rows (gdelt)."""
    from .export import export_store

    out = open(out_path, "w", encoding="utf-8", newline="") if out_path else sys.stdout
    try:
        n = export_store(_reader(db), fmt, out)
    finally:
        if out_path:
            out.close()
    click.echo(f"{n} rows written", err=True)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
def serve(db: str, host: str, port: int) -> None:
    """Serve the local web page and JSON API over a store."""
    from .web.app import serve as run_server

    if not Path(db).is_file():
        _fail(f"{db}: no such store; create it with `dateline ingest PATH --db {db}`")
    click.echo(f"Dateline at http://{host}:{port}/  (Ctrl-C to stop)")
    run_server(db, host=host, port=port)


if __name__ == "__main__":  # pragma: no cover
    main()
