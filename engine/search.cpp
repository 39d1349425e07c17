#include "search.hpp"

#include <fmt/format.h>

#include "errors.hpp"
#include "provisions.hpp"
#include "tokenizer.hpp"

namespace lexq::engine {
namespace {

constexpr char mark_open = '\x02';
constexpr char mark_close = '\x03';

// A quoted FTS5 string; a lone final ideograph becomes a prefix so it matches inside a bigram.
std::string literal(const std::string& text, const ast::Span& span) {
    if (kb::tokenize_document(text).empty())
        fail("invalid query", fmt::format("'{}' has no letters, digits or Chinese characters to search for", text), span);
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
    if (kb::ends_with_lone_ideograph(text)) out += '*';
    return out;
}

std::string compile(const ast::Query& q);

std::string join(const std::vector<std::string>& parts, const char* op) {
    if (parts.size() == 1) return parts.front();
    return fmt::format("({})", fmt::join(parts, fmt::format(" {} ", op)));
}

// a b NOT c NOT d → (a AND b) NOT (c OR d): FTS5's NOT is binary.
std::string compile_and(const ast::And& a, const ast::Span& span) {
    std::vector<std::string> positive, negative;
    for (const auto& operand : a.operands) {
        if (const auto* n = std::get_if<ast::Not>(&operand->node))
            negative.push_back(compile(*n->operand));
        else
            positive.push_back(compile(*operand));
    }
    if (positive.empty())
        fail("invalid query", "NOT needs a term to exclude from, as in 诽谤 NOT 侮辱", span);
    std::string out = join(positive, "AND");
    return negative.empty() ? out : fmt::format("({} NOT {})", out, join(negative, "OR"));
}

std::string compile(const ast::Query& q) {
    struct Visitor {
        const ast::Span& span;
        std::string operator()(const ast::Term& t) const { return literal(t.text, span); }
        std::string operator()(const ast::Phrase& p) const { return literal(p.text, span); }
        std::string operator()(const ast::And& a) const { return compile_and(a, span); }
        std::string operator()(const ast::Or& o) const {
            std::vector<std::string> parts;
            for (const auto& operand : o.operands) parts.push_back(compile(*operand));
            return join(parts, "OR");
        }
        std::string operator()(const ast::Not&) const {
            fail("invalid query", "NOT needs a term to exclude from, as in 诽谤 NOT 侮辱", span);
        }
    };
    return std::visit(Visitor{q.span}, q.node);
}

Snippet snippet_of(const std::string& marked, const char* lang) {
    Snippet s{lang, {}, {}};
    for (char c : marked) {
        if (c == mark_open)
            s.highlights.push_back({s.text.size(), 0});
        else if (c == mark_close && !s.highlights.empty())
            s.highlights.back().length = s.text.size() - s.highlights.back().offset;
        else
            s.text += c;
    }
    return s;
}

}  // namespace

std::string to_match(const ast::Query& query) { return compile(query); }

Result run_search(const kb::Database& db, const ast::Query& query) {
    Result result;
    result.kind = Result::Kind::search;
    result.match = to_match(query);
    {
        kb::Statement count(db.handle(), "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?1");
        count.bind(1, result.match);
        count.step();
        result.total = static_cast<std::size_t>(count.integer(0));
    }
    kb::Statement find(db.handle(),
                       "SELECT a.rowid, bm25(article_fts, 5.0, 1.0, 1.0) AS score,"
                       " snippet(article_fts, 1, char(2), char(3), '…', 24),"
                       " snippet(article_fts, 2, char(2), char(3), '…', 24)"
                       " FROM article_fts JOIN article a ON a.rowid = article_fts.rowid"
                       " JOIN instrument i ON i.id = a.instrument_id"
                       " WHERE article_fts MATCH ?1 ORDER BY score, i.seq, a.seq LIMIT ?2");
    find.bind(1, result.match).bind(2, search_limit);
    while (find.step()) {
        Hit hit{article_by_rowid(db, find.integer(0)), {}, 0};
        hit.score = find.real(1);
        for (auto [column, lang] : {std::pair{2, "zh"}, std::pair{3, "en"}}) {
            std::string marked = find.text(column);
            if (marked.find(mark_open) != std::string::npos) hit.snippets.push_back(snippet_of(marked, lang));
        }
        result.hits.push_back(std::move(hit));
    }
    return result;
}

}  // namespace lexq::engine
