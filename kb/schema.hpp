// The knowledge-base database: its schema is the contract between kb/ (writer) and engine/ (reader).
#pragma once

namespace lexq::kb {

inline constexpr int schema_version = 11;

// Article keys order 之N articles after their base article: 253 → 25300, 253-1 → 25301.
inline constexpr int article_key(int main, int sub) { return main * 100 + sub; }

inline constexpr const char* schema_sql = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE instrument(
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL,
  title_zh TEXT NOT NULL, short_title_zh TEXT NOT NULL, title_en TEXT NOT NULL, short_title_en TEXT NOT NULL,
  kind TEXT NOT NULL, issuers TEXT NOT NULL, doc_number TEXT NOT NULL, status TEXT NOT NULL,
  adopted TEXT, promulgated TEXT, effective TEXT, amended TEXT NOT NULL,
  source_zh TEXT NOT NULL, source_en TEXT NOT NULL, en_official INTEGER NOT NULL,
  preamble_zh TEXT, preamble_en TEXT, preamble_zh_status TEXT, preamble_note TEXT,
  file TEXT NOT NULL,
  last_article INTEGER);  -- the full text's last article; NULL: the knowledge base holds every article
CREATE TABLE inserted_article(instrument_id TEXT NOT NULL, key INTEGER NOT NULL, PRIMARY KEY(instrument_id, key));
CREATE TABLE instrument_name(name TEXT NOT NULL, instrument_id TEXT NOT NULL, PRIMARY KEY(name, instrument_id));
CREATE TABLE version_link(older TEXT NOT NULL, newer TEXT NOT NULL, PRIMARY KEY(older, newer));
CREATE TABLE heading(
  id INTEGER PRIMARY KEY, instrument_id TEXT NOT NULL, seq INTEGER NOT NULL, level TEXT NOT NULL,
  rank INTEGER NOT NULL, label TEXT NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  zh_status TEXT NOT NULL, note TEXT NOT NULL, first_key INTEGER NOT NULL, last_key INTEGER NOT NULL);
CREATE INDEX heading_instrument ON heading(instrument_id, first_key);  -- an article's headings, per hit
CREATE TABLE article(
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, instrument_id TEXT NOT NULL, seq INTEGER NOT NULL,
  number TEXT NOT NULL, key INTEGER NOT NULL, title TEXT NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL, note TEXT NOT NULL,
  headings TEXT NOT NULL, text_zh TEXT NOT NULL, text_en TEXT NOT NULL,
  UNIQUE(instrument_id, key));
-- What a search reads for every match, apart from the wide article rows: at a million articles the
-- article table is hundreds of MB, and reading a match's row from it costs more than scoring the match.
CREATE TABLE article_rank(
  rowid INTEGER PRIMARY KEY,  -- the article's rowid
  instrument_id TEXT NOT NULL, seq INTEGER NOT NULL,
  cited INTEGER NOT NULL DEFAULT 0);  -- how often other articles cite it as 刑法第二百四十六条 (a ranking signal)
CREATE TABLE unit(
  id TEXT PRIMARY KEY, article_rowid INTEGER NOT NULL, seq INTEGER NOT NULL, paragraph INTEGER NOT NULL,
  item INTEGER, text_zh TEXT NOT NULL, text_en TEXT NOT NULL, zh_status TEXT NOT NULL,
  source TEXT NOT NULL, note TEXT NOT NULL);
CREATE INDEX unit_article ON unit(article_rowid, seq);
-- Every citation inside a provision's text, with its exact span, and the provisions it names.
CREATE TABLE citation(
  id INTEGER PRIMARY KEY, from_unit TEXT NOT NULL, from_article TEXT NOT NULL, lang TEXT NOT NULL,
  start INTEGER NOT NULL, length INTEGER NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL, message TEXT NOT NULL);
CREATE INDEX citation_from ON citation(from_article);
CREATE TABLE citation_target(
  citation_id INTEGER NOT NULL, seq INTEGER NOT NULL, target TEXT NOT NULL, target_article TEXT NOT NULL,
  successor INTEGER NOT NULL DEFAULT 0);
CREATE INDEX citation_target_article ON citation_target(target_article);
CREATE INDEX citation_target_citation ON citation_target(citation_id);
-- The rules (kb/rules/): facts, conclusions, rules and the provisions each rule encodes.
CREATE TABLE fact(name TEXT PRIMARY KEY, type TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE fact_value(fact TEXT NOT NULL, name TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE fact_name(name TEXT NOT NULL, fact TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(name, fact, value));
CREATE TABLE conclusion(id TEXT PRIMARY KEY, kind TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL,
  sentence_zh TEXT NOT NULL, sentence_en TEXT NOT NULL, steps TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE rule(id TEXT PRIMARY KEY, concludes TEXT NOT NULL, negated INTEGER NOT NULL, version TEXT NOT NULL,
  file TEXT NOT NULL, line INTEGER NOT NULL, condition TEXT NOT NULL, exception TEXT NOT NULL);
CREATE TABLE rule_cite(rule_id TEXT NOT NULL, seq INTEGER NOT NULL, target TEXT NOT NULL, target_article TEXT NOT NULL);
CREATE INDEX rule_cite_article ON rule_cite(target_article);
CREATE TABLE rule_file(file TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE successor(older TEXT NOT NULL, newer TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY(older, newer));
CREATE TABLE no_successor(older TEXT PRIMARY KEY, note TEXT NOT NULL);
-- text_zh first: FTS5 marks every column but the first in each posting, and most postings are Chinese text.
CREATE VIRTUAL TABLE article_fts USING fts5(
  text_zh, title, headings, text_en, content='article', content_rowid='rowid', tokenize='porter lexq');
)sql";

}  // namespace lexq::kb
