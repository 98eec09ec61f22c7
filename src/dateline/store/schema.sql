-- Dateline store, schema version 1. The full record is kept as JSON (the contract); the other
-- tables are indexes over it for search, filters and cross-report views. Offsets index reports.text.
CREATE TABLE IF NOT EXISTS reports (
  id            TEXT PRIMARY KEY,
  content_hash  TEXT NOT NULL,
  source        TEXT,
  url           TEXT,
  title         TEXT,
  subtitle      TEXT,
  authors       TEXT NOT NULL DEFAULT '[]',   -- JSON list
  published     TEXT,
  dct_value     TEXT,
  dct_source    TEXT,
  text          TEXT NOT NULL,
  record        TEXT NOT NULL,                -- JSON, shared/spec/RECORD.md
  ingested_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_hash ON reports(content_hash);
CREATE INDEX IF NOT EXISTS reports_dct ON reports(dct_value);

CREATE TABLE IF NOT EXISTS entities (
  report_id   TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  entity_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  country     TEXT,
  role        TEXT,
  lat         REAL,
  lon         REAL,
  n_mentions  INTEGER NOT NULL,
  PRIMARY KEY (report_id, entity_id)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE INDEX IF NOT EXISTS entities_country ON entities(country, type);

CREATE TABLE IF NOT EXISTS mentions (
  report_id  TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  entity_id  TEXT NOT NULL,
  start      INTEGER NOT NULL,
  end        INTEGER NOT NULL,
  text       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(report_id, entity_id);

CREATE TABLE IF NOT EXISTS times (
  report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  type TEXT, value TEXT,
  PRIMARY KEY (report_id, idx)
);

CREATE TABLE IF NOT EXISTS quotes (
  report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  kind TEXT NOT NULL, speaker_name TEXT, speaker_entity TEXT,
  PRIMARY KEY (report_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);

CREATE TABLE IF NOT EXISTS claims (
  report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  value REAL, value_max REAL, bound TEXT, object TEXT, measure TEXT,
  source_name TEXT, source_entity TEXT, time_text TEXT, time_value TEXT,
  PRIMARY KEY (report_id, idx)
);
CREATE INDEX IF NOT EXISTS claims_object ON claims(object);

CREATE TABLE IF NOT EXISTS events (
  report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, code TEXT NOT NULL, root TEXT NOT NULL, plover TEXT, modality TEXT,
  trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
  source_name TEXT, source_country TEXT, source_role TEXT, source_entity TEXT,
  target_name TEXT, target_country TEXT, target_role TEXT, target_entity TEXT,
  where_name TEXT, where_entity TEXT, when_text TEXT, when_value TEXT,
  sentence_start INTEGER, sentence_end INTEGER, n_mentions INTEGER NOT NULL DEFAULT 1,
  goldstein REAL, quad_class INTEGER,
  PRIMARY KEY (report_id, idx)
);
CREATE INDEX IF NOT EXISTS events_root ON events(root);
CREATE INDEX IF NOT EXISTS events_countries ON events(source_country, target_country);

-- Items that could not be analysed, with the reason; a later successful ingest removes the row.
CREATE TABLE IF NOT EXISTS rejected (
  source  TEXT PRIMARY KEY,
  code    TEXT NOT NULL,
  reason  TEXT NOT NULL,
  at      TEXT NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS reports_fts USING fts5(
  title, text, content='reports', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS reports_ai AFTER INSERT ON reports BEGIN
  INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS reports_ad AFTER DELETE ON reports BEGIN
  INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS reports_au AFTER UPDATE ON reports BEGIN
  INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO reports_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
