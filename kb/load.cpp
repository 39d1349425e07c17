#include "load.hpp"

#include <map>
#include <set>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "schema.hpp"
#include "tokenizer.hpp"

namespace lexq::kb {
namespace {

ArticleNumber number_of_key(long long key) { return {static_cast<int>(key / 100), static_cast<int>(key % 100)}; }

std::vector<std::string> strings(const std::string& json) { return nlohmann::json::parse(json).get<std::vector<std::string>>(); }

ZhStatus status_of(const std::string& name) {
    if (auto s = zh_status_from(name)) return *s;
    throw std::runtime_error(fmt::format("unknown Chinese text status '{}'", name));
}

void check_version(const Database& db) {
    Statement get(db.handle(), "SELECT value FROM meta WHERE key = 'schema_version'");
    const std::string found = get.step() ? get.text(0) : "none";
    if (found != std::to_string(schema_version))
        throw std::runtime_error(fmt::format("schema version {}, this lexq reads {}", found, schema_version));
}

Instrument instrument_of(const Statement& row) {
    Instrument in;
    in.id = row.text(0);
    in.title_zh = row.text(1);
    in.short_title_zh = row.text(2);
    in.title_en = row.text(3);
    in.short_title_en = row.text(4);
    in.kind = row.text(5);
    in.issuers = strings(row.text(6));
    in.doc_number = row.text(7);
    in.status = row.text(8);
    in.dates = {row.text(9), row.text(10), row.text(11), strings(row.text(12))};
    in.source = {row.text(13), row.text(14), row.integer(15) != 0};
    if (!row.is_null(16)) in.preamble = Text{row.text(16), row.text(17), status_of(row.text(18)), "", row.text(19), 0, row.text(17).empty()};
    in.file = row.text(20);
    if (!row.is_null(21)) in.numbering = Numbering{static_cast<int>(row.integer(21)), {}, 0};
    return in;
}

// The names write_database derives from the titles are left out: what remains are the aliases.
void add_aliases(const Database& db, Instrument& in) {
    const std::set<std::string> derived{fold(in.id), fold(in.title_zh), fold(in.short_title_zh), fold(in.title_en),
                                        fold(in.short_title_en)};
    Statement get(db.handle(), "SELECT name FROM instrument_name WHERE instrument_id = ?1 ORDER BY name");
    get.bind(1, in.id);
    while (get.step())
        if (!derived.count(get.text(0))) in.aliases.push_back(get.text(0));
}

void add_links(const Database& db, Instrument& in) {
    Statement older(db.handle(), "SELECT older FROM version_link WHERE newer = ?1 ORDER BY older");
    older.bind(1, in.id);
    while (older.step()) in.supersedes.push_back(older.text(0));
    Statement newer(db.handle(), "SELECT newer FROM version_link WHERE older = ?1 ORDER BY newer");
    newer.bind(1, in.id);
    while (newer.step()) in.superseded_by.push_back(newer.text(0));
    if (!in.numbering) return;
    Statement inserted(db.handle(), "SELECT key FROM inserted_article WHERE instrument_id = ?1 ORDER BY key");
    inserted.bind(1, in.id);
    while (inserted.step()) in.numbering->inserted.push_back(number_of_key(inserted.integer(0)));
}

void add_headings(const Database& db, Instrument& in) {
    Statement get(db.handle(), "SELECT level, label, title_zh, title_en, zh_status, note, first_key, last_key"
                               " FROM heading WHERE instrument_id = ?1 ORDER BY seq");
    get.bind(1, in.id);
    while (get.step()) {
        Heading h;
        h.level = get.text(0);
        h.label = get.text(1);
        h.title = {get.text(2), get.text(3), status_of(get.text(4)), "", get.text(5), 0, get.text(3).empty()};
        h.first = number_of_key(get.integer(6));
        h.last = number_of_key(get.integer(7));
        in.headings.push_back(std::move(h));
    }
}

// Paragraphs and items in their order; a unit's source is kept as written (the instrument's, or its own).
void add_units(const Database& db, long long rowid, Article& a) {
    Statement get(db.handle(), "SELECT item, text_zh, text_en, zh_status, source, note FROM unit"
                               " WHERE article_rowid = ?1 ORDER BY seq");
    get.bind(1, rowid);
    while (get.step()) {
        Text t{get.text(1), get.text(2), status_of(get.text(3)), get.text(4), get.text(5), 0, get.text(2).empty()};
        if (get.is_null(0))
            a.paragraphs.push_back({std::move(t), {}});
        else if (!a.paragraphs.empty())
            a.paragraphs.back().items.push_back({std::move(t)});
    }
}

void add_successors(const Database& db, const std::string& id, Article& a) {
    Statement none(db.handle(), "SELECT note FROM no_successor WHERE older = ?1");
    none.bind(1, id);
    if (none.step()) {
        a.successors.emplace();
        a.successor_note = none.text(0);
    }
    Statement get(db.handle(), "SELECT newer, note FROM successor WHERE older = ?1 ORDER BY rowid");
    get.bind(1, id);
    while (get.step()) {
        if (!a.successors) a.successors.emplace();
        a.successors->push_back(get.text(0));
        a.successor_note = get.text(1);
    }
}

void add_articles(const Database& db, Instrument& in) {
    Statement get(db.handle(), "SELECT rowid, id, key, title_zh, title_en, note FROM article WHERE instrument_id = ?1 ORDER BY seq");
    get.bind(1, in.id);
    while (get.step()) {
        Article a;
        a.number = number_of_key(get.integer(2));
        a.title_zh = get.text(3);
        a.title_en = get.text(4);
        a.note = get.text(5);
        add_units(db, get.integer(0), a);
        add_successors(db, get.text(1), a);
        in.articles.push_back(std::move(a));
    }
}

std::vector<FactDef> facts(const Database& db) {
    std::vector<FactDef> out;
    Statement get(db.handle(), "SELECT name, type, zh, en FROM fact ORDER BY seq");
    Statement values(db.handle(), "SELECT name, zh, en FROM fact_value WHERE fact = ?1 ORDER BY seq");
    Statement names(db.handle(), "SELECT name, value FROM fact_name WHERE fact = ?1 ORDER BY name");
    while (get.step()) {
        FactDef f{get.text(0), get.text(1), get.text(2), get.text(3), {}, {}, 0};
        values.bind(1, f.name);
        while (values.step()) f.values.push_back({values.text(0), values.text(1), values.text(2), {}});
        values.reset();
        names.bind(1, f.name);
        while (names.step()) {
            const std::string name = names.text(0), value = names.text(1);
            if (value.empty()) {
                if (name != fold(f.name) && name != fold(f.zh) && name != fold(f.en)) f.synonyms.push_back(name);
                continue;
            }
            for (FactValue& v : f.values)
                if (v.name == value && name != fold(v.name) && name != fold(v.zh) && name != fold(v.en)) v.synonyms.push_back(name);
        }
        names.reset();
        out.push_back(std::move(f));
    }
    return out;
}

RuleBook rules(const Database& db) {
    RuleBook book;
    book.facts = facts(db);
    book.facts_path = "facts.toml";
    Statement get(db.handle(), "SELECT file, text FROM rule_file ORDER BY rowid");
    while (get.step()) {
        auto parsed = rules::parse_rules(get.text(1));
        if (auto* e = std::get_if<rules::RuleError>(&parsed))
            throw std::runtime_error(fmt::format("{}:{}: {}", get.text(0), e->line, e->message));
        book.files.push_back({get.text(0), get.text(1), std::move(std::get<rules::RuleFile>(parsed))});
    }
    return book;
}

}  // namespace

KnowledgeBase load_knowledge_base(const Database& db) {
    check_version(db);
    KnowledgeBase kb;
    Statement get(db.handle(), "SELECT id, title_zh, short_title_zh, title_en, short_title_en, kind, issuers, doc_number,"
                               " status, adopted, promulgated, effective, amended, source_zh, source_en, en_official,"
                               " preamble_zh, preamble_en, preamble_zh_status, preamble_note, file, last_article"
                               " FROM instrument ORDER BY seq");
    while (get.step()) {
        Instrument in = instrument_of(get);
        add_aliases(db, in);
        add_links(db, in);
        add_headings(db, in);
        add_articles(db, in);
        kb.corpus.push_back(std::move(in));
    }
    kb.rules = rules(db);
    return kb;
}

}  // namespace lexq::kb
