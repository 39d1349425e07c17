#include "graph.hpp"

#include <chrono>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "errors.hpp"
#include "provisions.hpp"

namespace lexq::engine {
namespace {

// The provision or instrument a citation names, as a canonical id.
std::string subject_of(const kb::Database& db, const kb::Catalog& catalog, const ast::Citation& citation) {
    const Result shown = show(db, catalog, citation);
    return shown.instrument ? shown.instrument->id : shown.provisions.front().id;
}

// The articles a provision id covers, as bounds for an index over article ids, and the unit it names: an
// instrument (CL: every article id from "CL " to "CL ~"), an article (CL 246), a paragraph or item (CL 246(2)).
struct Scope {
    std::string low, high, unit;
};

Scope scope_of(const std::string& id) {
    if (id.find(' ') == std::string::npos) return {id + " ", id + " ~", ""};
    const std::string article = id.substr(0, id.find('('));
    return {article, article, article == id ? "" : id};
}

// `where` reads ?1 and ?2 as the bounds of article ids, ?3 as the unit (empty for a whole article).
std::vector<Reference> read_references(const kb::Database& db, const std::string& where, const std::string& id) {
    auto rows = db.prepare(fmt::format("SELECT c.id, c.from_unit, c.lang, c.start, c.length, c.text, c.status, c.message"
                                       " FROM citation c WHERE {} ORDER BY c.id", where));
    const Scope scope = scope_of(id);
    rows->bind(1, scope.low).bind(2, scope.high).bind(3, scope.unit);
    std::vector<Reference> out;
    while (rows->step()) {
        Reference r{rows->text(1), rows->text(2), static_cast<std::size_t>(rows->integer(3)), static_cast<std::size_t>(rows->integer(4)),
                    rows->text(5), rows->text(6), {}, {}, rows->text(7), 1};
        auto targets = db.prepare("SELECT target, successor FROM citation_target WHERE citation_id = ?1 ORDER BY seq");
        targets->bind(1, rows->integer(0));
        while (targets->step()) (targets->integer(1) ? r.successors : r.targets).push_back(targets->text(0));
        out.push_back(std::move(r));
    }
    return out;
}

// Units of an article (CL 246 → CL 246(1) …), of a paragraph (its items), or every unit of an instrument;
// by ranges over the indexed article ids, since LIKE and OR would read every citation.
constexpr const char* within = "c.from_article BETWEEN ?1 AND ?2 AND (?3 = '' OR c.from_unit = ?3 OR"
                               " substr(c.from_unit, 1, length(?3) + 1) = ?3 || '(')";
constexpr const char* citing = "c.id IN (SELECT citation_id FROM citation_target WHERE successor = 0 AND target_article BETWEEN ?1 AND ?2"
                               " AND (?3 = '' OR target = ?3 OR substr(target, 1, length(?3) + 1) = ?3 || '('))";

}  // namespace

std::string today() {
    const auto now = std::chrono::system_clock::now();
    const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(now)};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

Result refs(const kb::Database& db, const kb::Catalog& catalog, const ast::Citation& citation) {
    Result r;
    r.kind = Result::Kind::refs;
    r.subject = subject_of(db, catalog, citation);
    r.references = read_references(db, within, r.subject);
    return r;
}

Result cited_by(const kb::Database& db, const kb::Catalog& catalog, const ast::CitedBy& statement) {
    if (statement.depth < 1 || statement.depth > max_depth)
        fail("invalid query", fmt::format("depth: takes a number from 1 to {}", max_depth), statement.depth_span);
    Result r;
    r.kind = Result::Kind::citedby;
    r.subject = subject_of(db, catalog, statement.citation);
    std::set<std::string> seen{r.subject};
    std::set<std::tuple<std::string, std::string, std::size_t>> listed;  // a citation is listed once, at its least depth
    std::vector<std::string> frontier{r.subject};
    for (int depth = 1; depth <= statement.depth && !frontier.empty(); ++depth) {
        std::vector<std::string> next;
        for (const std::string& id : frontier) {
            for (Reference ref : read_references(db, citing, id)) {
                const std::string article = ref.from.substr(0, ref.from.find('('));
                if (seen.insert(article).second) next.push_back(article);
                if (!listed.insert({ref.from, ref.lang, ref.offset}).second) continue;
                ref.depth = depth;
                r.references.push_back(std::move(ref));
            }
        }
        frontier = std::move(next);
    }
    return r;
}

Result check(const kb::Catalog& catalog, const ast::Check& statement, const std::string& date) {
    Result r;
    r.kind = Result::Kind::check;
    const kb::CitationContext context{"", 0, 0, 0, date};
    for (const cite::Citation& c : cite::scan(statement.text, catalog)) {
        const kb::Resolution res = kb::resolve(catalog, c, context);
        Reference ref{"", "", c.span.offset, c.span.length, statement.text.substr(c.span.offset, c.span.length),
                      res.status, res.targets, res.successors, res.message, 1, 1, 1};
        for (std::size_t i = 0; i < c.span.offset; ++i) {
            const unsigned char b = static_cast<unsigned char>(statement.text[i]);
            if (b == '\n') ref.line += 1, ref.column = 1;
            else if ((b & 0xC0) != 0x80) ++ref.column;
        }
        r.references.push_back(std::move(ref));
    }
    return r;
}

void attach_citations(const kb::Database& db, Provision& p) {
    if (p.paragraph) p.citations = read_references(db, "c.from_article = ?1 AND c.from_unit = ?3", p.id);
    for (Provision& part : p.parts) attach_citations(db, part);
}

}  // namespace lexq::engine
