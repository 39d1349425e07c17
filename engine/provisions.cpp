#include "provisions.hpp"

#include <fmt/format.h>

#include "catalog.hpp"
#include "errors.hpp"
#include "graph.hpp"
#include "numerals.hpp"  // kb
#include "schema.hpp"

namespace lexq::engine {
namespace {

std::vector<std::string> json_strings(const std::string& text) {
    // The compiler stores short string lists as JSON arrays of plain strings.
    std::vector<std::string> out;
    std::string current;
    bool inside = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!inside) {
            if (c == '"') inside = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            current += text[++i];
        } else if (c == '"') {
            out.push_back(std::move(current));
            current.clear();
            inside = false;
        } else {
            current += c;
        }
    }
    return out;
}

std::vector<std::string> column(const kb::Database& db, const char* sql, const std::string& key) {
    auto get = db.prepare(sql);
    get->bind(1, key);
    std::vector<std::string> out;
    while (get->step()) out.push_back(get->text(0));
    return out;
}

std::vector<Heading> headings(const kb::Database& db, const std::string& instrument_id, long long key) {
    auto get = db.prepare("SELECT level, label, title_zh, title_en FROM heading WHERE instrument_id = ?1"
                          " AND first_key <= ?2 AND last_key >= ?2 ORDER BY rank, seq");
    get->bind(1, instrument_id).bind(2, key);
    std::vector<Heading> out;
    while (get->step()) out.push_back({get->text(0), get->text(1), get->text(2), get->text(3)});
    return out;
}

Provision base(const Instrument& in) {
    Provision p;
    p.instrument_id = in.id;
    p.instrument_title = in.title_zh;
    p.instrument_short_title = in.short_title_zh;
    p.instrument_title_en = in.title_en;
    p.status = in.status;
    p.source = in.source_zh;
    p.source_en = in.source_en;
    p.en_official = in.en_official;
    p.effective = in.effective;
    p.promulgated = in.promulgated;
    p.superseded_by = in.superseded_by;
    return p;
}

// Where the article's content went in a newer version, and where it came from in an older one.
void add_versions(const kb::Database& db, Provision& p) {
    p.successors = column(db, "SELECT newer FROM successor WHERE older = ?1 ORDER BY rowid", p.id);
    p.predecessors = column(db, "SELECT older FROM successor WHERE newer = ?1 ORDER BY rowid", p.id);
    auto notes = column(db, "SELECT note FROM successor WHERE older = ?1 UNION SELECT note FROM no_successor WHERE older = ?1", p.id);
    p.no_successor = !column(db, "SELECT older FROM no_successor WHERE older = ?1", p.id).empty();
    p.successor_note = notes.empty() ? std::string() : notes.front();
}

// The article's Chinese status summarises its parts: one gap makes the article partial.
std::string combined_status(const std::vector<Provision>& parts) {
    bool all_missing = true, any_gap = false, any_unverified = false;
    auto visit = [&](const Provision& p) {
        all_missing = all_missing && p.zh_status == "missing";
        any_gap = any_gap || p.zh_status == "missing" || p.zh_status == "partial";
        any_unverified = any_unverified || p.zh_status == "unverified";
    };
    for (const Provision& para : parts) {
        visit(para);
        for (const Provision& item : para.parts) visit(item);
    }
    if (all_missing) return "missing";
    if (any_gap) return "partial";
    return any_unverified ? "unverified" : "verbatim";
}

struct ArticleRow {
    long long rowid = 0;
    Provision provision;
    long long key = 0;
};

ArticleRow article_row(const kb::Database& db, std::string_view where, auto bind) {
    auto get = db.prepare(fmt::format("SELECT rowid, id, instrument_id, number, key, title_zh, title_en, note,"
                                      " text_zh, text_en FROM article WHERE {}", where));
    bind(*get);
    ArticleRow row;
    if (!get->step()) return row;
    row.rowid = get->integer(0);
    row.provision = base(load_instrument(db, get->text(2)));
    Provision& p = row.provision;
    p.id = get->text(1);
    p.article = get->text(3);
    row.key = get->integer(4);
    p.title_zh = get->text(5);
    p.title_en = get->text(6);
    p.note = get->text(7);
    p.text_zh = get->text(8);
    p.text_en = get->text(9);
    p.headings = headings(db, p.instrument_id, row.key);
    p.citation_zh = p.instrument_short_title + kb::chinese_article(p.article);
    add_versions(db, p);
    p.rules = column(db, "SELECT DISTINCT rule_id FROM rule_cite WHERE target_article = ?1 ORDER BY rule_id", p.id);
    return row;
}

// Paragraphs of the article, each with its items as parts.
std::vector<Provision> units(const kb::Database& db, const ArticleRow& article) {
    auto get = db.prepare("SELECT id, paragraph, item, text_zh, text_en, zh_status, source, note FROM unit"
                          " WHERE article_rowid = ?1 ORDER BY seq");
    get->bind(1, article.rowid);
    std::vector<Provision> paragraphs;
    while (get->step()) {
        Provision p = article.provision;
        p.headings.clear();
        p.rules.clear();
        p.successors.clear();
        p.predecessors.clear();
        p.no_successor = false;
        p.successor_note.clear();
        p.id = get->text(0);
        p.paragraph = static_cast<int>(get->integer(1));
        if (!get->is_null(2)) p.item = static_cast<int>(get->integer(2));
        p.text_zh = get->text(3);
        p.text_en = get->text(4);
        p.zh_status = get->text(5);
        p.citation_zh = article.provision.citation_zh + "第" + kb::chinese_number(*p.paragraph) + "款";
        if (p.item) p.citation_zh = paragraphs.back().citation_zh + "第（" + kb::chinese_number(*p.item) + "）项";
        p.source = get->text(6);
        p.note = get->text(7);
        if (p.item && !paragraphs.empty())
            paragraphs.back().parts.push_back(std::move(p));
        else
            paragraphs.push_back(std::move(p));
    }
    return paragraphs;
}

// "246" or "1–20, 22" style summary of what an instrument holds, for "no such article" messages.
std::string articles_held(const kb::Database& db, const std::string& instrument_id) {
    auto get = db.prepare("SELECT number, key FROM article WHERE instrument_id = ?1 ORDER BY key");
    get->bind(1, instrument_id);
    std::vector<std::pair<std::string, long long>> rows;
    while (get->step()) rows.emplace_back(get->text(0), get->integer(1));
    std::vector<std::string> ranges;
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1].second == rows[j].second + 100 && rows[j + 1].second % 100 == 0) ++j;
        ranges.push_back(j == i ? rows[i].first : fmt::format("{}–{}", rows[i].first, rows[j].first));
        i = j + 1;
    }
    if (ranges.size() > 12) {
        ranges.resize(12);
        ranges.push_back("…");
    }
    return fmt::format("{}", fmt::join(ranges, ", "));
}

// Whether the full text of an instrument (by its [numbering]) has this article.
bool in_full_text(const kb::Database& db, const std::string& id, long long key) {
    auto get = db.prepare("SELECT last_article FROM instrument WHERE id = ?1");
    get->bind(1, id);
    if (!get->step() || get->is_null(0)) return false;
    if (key % 100 == 0) return key / 100 >= 1 && key / 100 <= get->integer(0);
    auto inserted = db.prepare("SELECT 1 FROM inserted_article WHERE instrument_id = ?1 AND key = ?2");
    inserted->bind(1, id).bind(2, key);
    return inserted->step();
}

std::string article_range(const kb::Database& db, const std::string& id) {
    auto get = db.prepare("SELECT last_article FROM instrument WHERE id = ?1");
    get->bind(1, id);
    if (get->step() && !get->is_null(0)) {
        auto inserted = db.prepare("SELECT count(*) FROM inserted_article WHERE instrument_id = ?1");
        inserted->bind(1, id);
        inserted->step();
        return fmt::format("its articles run 1–{}{}", get->integer(0), inserted->integer(0) ? " plus its 之一 articles" : "");
    }
    return fmt::format("the knowledge base holds all its articles: {}", articles_held(db, id));
}

int number_or_fail(const ast::Number& n, const char* what) {
    auto value = kb::parse_number(n.text);
    if (!value) fail("no such provision", fmt::format("'{}' is not a valid {} number", n.text, what), n.span);
    return *value;
}

// The paragraph a citation names; an item cited without its paragraph (the Opinions' 第8条第(1)项) is
// read in the only paragraph that has items.
std::size_t paragraph_index(const Provision& article, const ast::Citation& c) {
    if (c.paragraph) {
        const int para = number_or_fail(*c.paragraph, "paragraph");
        if (static_cast<std::size_t>(para) > article.parts.size())
            fail("no such provision",
                 fmt::format("{} has {} paragraph(s); there is no paragraph {}", article.id, article.parts.size(), para),
                 c.paragraph->span);
        return static_cast<std::size_t>(para) - 1;
    }
    std::vector<std::size_t> with_items;
    for (std::size_t i = 0; i < article.parts.size(); ++i)
        if (!article.parts[i].parts.empty()) with_items.push_back(i);
    if (with_items.size() == 1) return with_items.front();
    fail("no such provision",
         with_items.empty() ? fmt::format("{} has no items", article.id)
                            : fmt::format("{} has items in several paragraphs; name the paragraph (款)", article.id),
         c.item->span);
}

Provision inherit(Provision part, const Provision& whole) {
    part.headings = whole.headings;
    part.title_zh = whole.title_zh;
    part.title_en = whole.title_en;
    return part;
}

Provision narrow(Provision article, const ast::Citation& c) {
    Provision p = inherit(std::move(article.parts[paragraph_index(article, c)]), article);
    if (!c.item) return p;
    const int item = number_or_fail(*c.item, "item");
    if (p.parts.empty()) fail("no such provision", fmt::format("{} has no items", p.id), c.item->span);
    if (static_cast<std::size_t>(item) > p.parts.size())
        fail("no such provision",
             fmt::format("{} has {} item(s); there is no item {}", p.id, p.parts.size(), item), c.item->span);
    return inherit(std::move(p.parts[static_cast<std::size_t>(item) - 1]), p);
}

}  // namespace

Instrument load_instrument(const kb::Database& db, const std::string& id) {
    auto get = db.prepare("SELECT id, title_zh, short_title_zh, title_en, short_title_en, kind, status, issuers, doc_number,"
                          " adopted, promulgated, effective, amended, source_zh, source_en, en_official, preamble_zh,"
                          " preamble_en, preamble_zh_status FROM instrument WHERE id = ?1");
    get->bind(1, id);
    if (!get->step()) throw std::runtime_error("instrument vanished: " + id);
    Instrument in{get->text(0), get->text(1), get->text(2), get->text(3), get->text(4), get->text(5), get->text(6),
                  json_strings(get->text(7)), get->text(8), get->text(9), get->text(10), get->text(11),
                  json_strings(get->text(12)), {}, {}, get->text(13), get->text(14), get->integer(15) != 0,
                  get->text(16), get->text(17), get->text(18)};
    in.supersedes = column(db, "SELECT older FROM version_link WHERE newer = ?1 ORDER BY older", id);
    in.superseded_by = column(db, "SELECT newer FROM version_link WHERE older = ?1 ORDER BY newer", id);
    return in;
}

Result show_instrument(const kb::Database& db, const std::string& id) {
    Result r;
    r.kind = Result::Kind::show;
    r.instrument = load_instrument(db, id);
    auto rows = db.prepare("SELECT rowid FROM article WHERE instrument_id = ?1 ORDER BY key");
    rows->bind(1, id);
    while (rows->step()) r.provisions.push_back(article_by_rowid(db, rows->integer(0)));
    return r;
}

// The provision a canonical id names (CL 246(2)), with its parts.
Provision provision_by_id(const kb::Database& db, const std::string& canonical) {
    const auto where = *kb::context_of(canonical, "");
    ast::Citation c;
    c.instrument = where.instrument;
    c.canonical = true;
    c.text = canonical;
    c.article = ast::Number{std::to_string(where.article_key / 100), {}};
    if (where.article_key % 100) c.article_sub = ast::Number{std::to_string(where.article_key % 100), {}};
    if (where.paragraph) c.paragraph = ast::Number{std::to_string(where.paragraph), {}};
    if (where.item) c.item = ast::Number{std::to_string(where.item), {}};
    return resolve_citation(db, where.instrument, c);
}

// Citations in any form the scanner reads: each provision they name, or the reason they name none.
Result show_scanned(const kb::Database& db, const kb::Catalog& catalog, const ast::Citation& c) {
    const auto found = cite::scan_typed(c.text, catalog);
    std::string_view typed = c.text;
    while (!typed.empty() && (typed.back() == ' ' || typed.back() == '\t')) typed.remove_suffix(1);
    if (found.size() == 1 && found.front().span.offset + found.front().span.length < typed.size())
        fail("no such provision", fmt::format("'{}' is not a citation lexq reads: only '{}' is", c.text,
                                              typed.substr(found.front().span.offset, found.front().span.length)), c.span);
    if (found.size() != 1)
        fail("no such provision", found.empty() ? fmt::format("no citation in '{}'", c.text)
                                                : fmt::format("'{}' holds {} citations; show one at a time, or use check", c.text, found.size()),
             c.span);
    const kb::Resolution res = kb::resolve(catalog, found.front(), {"", 0, 0, 0, today()});
    if (res.status != "resolved" && res.status != "superseded") {
        const std::string kind = res.status == "not_in_kb" || res.status == "no_such_provision" ? "no such provision"
                                 : res.status == "ambiguous_instrument"                         ? "ambiguous instrument"
                                                                                                : "unknown instrument";
        fail(kind, res.message, c.span, res.suggestions);
    }
    Result r;
    r.kind = Result::Kind::show;
    for (const std::string& id : res.targets) {
        if (id.find(' ') == std::string::npos) return show_instrument(db, id);
        r.provisions.push_back(provision_by_id(db, id));
        attach_citations(db, r.provisions.back());
    }
    return r;
}

Result show(const kb::Database& db, const kb::Catalog& catalog, const ast::Citation& c) {
    if (c.free) return show_scanned(db, catalog, c);
    if (c.instrument.empty())
        fail("no such provision", "name the instrument, as in 刑法第246条 or CL 246", c.span);
    std::string id;
    try {
        id = resolve_instrument(db, c.instrument, c.instrument_span);
    } catch (const Failure& f) {
        if (f.error.kind != "unknown instrument") throw;
        try {
            return show_scanned(db, catalog, c);  // 2012年治安管理处罚法…: a version the scanner reads
        } catch (const Failure& g) {
            if (g.error.kind != "unknown instrument") throw;  // the scanner knew the instrument: its error is the real one
            throw f;
        }
    }
    if (!c.article) return show_instrument(db, id);
    Result r;
    r.kind = Result::Kind::show;
    r.provisions.push_back(resolve_citation(db, id, c));
    attach_citations(db, r.provisions.back());
    return r;
}

Provision resolve_citation(const kb::Database& db, const std::string& id, const ast::Citation& c) {
    const int main = number_or_fail(*c.article, "article");
    const int sub = c.article_sub ? number_or_fail(*c.article_sub, "article") : 0;
    if (sub > 99) fail("no such provision", fmt::format("'{}' is not a valid article number", c.article_sub->text), c.article_sub->span);
    const long long key = kb::article_key(main, sub);
    ArticleRow row = article_row(db, "instrument_id = ?1 AND key = ?2", [&](kb::Statement& s) { s.bind(1, id).bind(2, key); });
    if (!row.rowid) {
        const std::string number = sub ? fmt::format("{}-{}", main, sub) : std::to_string(main);
        const std::string title = load_instrument(db, id).short_title_zh;
        if (in_full_text(db, id, key))
            fail("no such provision", fmt::format("{} ({}) has article {}, but the knowledge base does not hold it; it holds articles {}",
                                                  title, id, number, articles_held(db, id)), c.span);
        fail("no such provision", fmt::format("{} ({}) has no article {}; {}", title, id, number, article_range(db, id)), c.span);
    }
    row.provision.parts = units(db, row);
    row.provision.zh_status = combined_status(row.provision.parts);
    if (!row.provision.parts.empty()) row.provision.source = row.provision.parts.front().source;
    if (c.paragraph || c.item) return narrow(std::move(row.provision), c);
    return row.provision;
}

Provision article_by_rowid(const kb::Database& db, long long rowid) {
    ArticleRow row = article_row(db, "rowid = ?1", [&](kb::Statement& s) { s.bind(1, rowid); });
    auto parts = units(db, row);
    row.provision.zh_status = combined_status(parts);
    if (!parts.empty()) row.provision.source = parts.front().source;
    return row.provision;
}

}  // namespace lexq::engine
