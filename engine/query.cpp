#include "query.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "catalog.hpp"
#include "errors.hpp"
#include "tokenizer.hpp"

namespace lexq::engine {
namespace {

const char* column_of(const std::string& field) {
    if (field == "title") return "title";
    if (field == "heading") return "headings";
    if (field == "zh") return "text_zh";
    return "text_en";
}

// A quoted FTS5 string; a lone final ideograph and a '*' become a prefix so they match inside a token.
std::string literal(const std::string& text, bool prefix, const ast::Span& span) {
    if (kb::tokenize_document(text).empty())
        fail("invalid query", fmt::format("'{}' has no letters, digits or Chinese characters to search for", text), span);
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
    if (prefix || kb::ends_with_lone_ideograph(text)) out += " *";
    return out;
}

std::string join(const std::vector<std::string>& parts, const char* op) {
    if (parts.size() == 1) return parts.front();
    return fmt::format("({})", fmt::join(parts, fmt::format(" {} ", op)));
}

class Compiler {
public:
    std::string compile(const ast::Query& q) {
        if (++terms_ > max_terms)
            fail("invalid query", fmt::format("more than {} terms and operators in one search", max_terms), q.span);
        return std::visit([&](const auto& node) { return compile(node, q.span); }, q.node);
    }
    bool exact() const { return exact_; }

private:
    std::string compile(const ast::Term& t, const ast::Span& span) { return literal(t.text, t.prefix, span); }
    std::string compile(const ast::Phrase& p, const ast::Span& span) { return literal(p.text, false, span); }
    std::string compile(const ast::Field& f, const ast::Span&) {
        return fmt::format("{{{}}} : ({})", column_of(f.name), compile(*f.operand));
    }
    // FTS5 finds the articles holding both sides; the matcher then checks the distance or unit.
    // A proximity operand is a term, a phrase, or an OR of them (possibly under a field): never AND or NOT.
    static const ast::Query* conjunction_in(const ast::Query& q) {
        if (std::holds_alternative<ast::And>(q.node) || std::holds_alternative<ast::Not>(q.node)) return &q;
        if (const auto* f = std::get_if<ast::Field>(&q.node)) return conjunction_in(*f->operand);
        if (const auto* o = std::get_if<ast::Or>(&q.node))
            for (const auto& operand : o->operands)
                if (const auto* found = conjunction_in(*operand)) return found;
        return nullptr;
    }

    static bool is_phrase(const ast::Query& q) {
        return std::holds_alternative<ast::Term>(q.node) || std::holds_alternative<ast::Phrase>(q.node);
    }

    std::string compile(const ast::Near& n, const ast::Span& span) {
        for (const auto* operand : {n.left.get(), n.right.get()})
            if (const ast::Query* bad = conjunction_in(*operand))
                fail("invalid query", "a proximity connector joins terms, \"phrases\" or (OR groups), not AND or NOT", bad->span);
        if ((n.kind == ast::NearKind::words || n.kind == ast::NearKind::ordered) && n.distance > 9999)
            fail("invalid query", "a proximity distance runs from 0 to 9999 words", span);
        exact_ = exact_ || n.kind != ast::NearKind::article;
        // Between two terms or phrases, FTS5's NEAR narrows the candidates for /n and +n. Its positions
        // run on across an article's paragraphs where the matcher leaves a gap between them, so its
        // distance is never larger and nothing the matcher accepts is lost.
        if ((n.kind == ast::NearKind::words || n.kind == ast::NearKind::ordered) && is_phrase(*n.left) && is_phrase(*n.right))
            return fmt::format("NEAR({} {}, {})", compile(*n.left), compile(*n.right), n.distance);
        return fmt::format("({} AND {})", compile(*n.left), compile(*n.right));
    }
    std::string compile(const ast::Option& o, const ast::Span& span) {
        fail("invalid query", fmt::format("{}: applies to the whole search; write it outside NOT, fields and proximity connectors", o.name), span);
    }
    // a b NOT c NOT d → (a AND b) NOT (c OR d): FTS5's NOT is binary. A negated proximity cannot be
    // relaxed into FTS5 (NOT (b AND c) would exclude too much): it is left to the matcher.
    std::string compile(const ast::And& a, const ast::Span& span) {
        std::vector<std::string> positive, negative;
        for (const auto& operand : a.operands) {
            if (const auto* n = std::get_if<ast::Not>(&operand->node)) {
                const bool was_exact = exact_;
                exact_ = false;
                std::string excluded = compile(*n->operand);
                if (exact_) excluded.clear();  // checked exactly on the text instead
                exact_ = exact_ || was_exact;
                if (!excluded.empty()) negative.push_back(excluded);
            } else {
                positive.push_back(compile(*operand));
            }
        }
        if (positive.empty()) fail("invalid query", "NOT needs a term to exclude from, as in 诽谤 NOT 侮辱", span);
        std::string out = join(positive, "AND");
        return negative.empty() ? out : fmt::format("({} NOT {})", out, join(negative, "OR"));
    }
    std::string compile(const ast::Or& o, const ast::Span&) {
        std::vector<std::string> parts;
        for (const auto& operand : o.operands) parts.push_back(compile(*operand));
        return join(parts, "OR");
    }
    std::string compile(const ast::Not&, const ast::Span& span) {
        fail("invalid query", "NOT needs a term to exclude from, as in 诽谤 NOT 侮辱", span);
    }

    std::size_t terms_ = 0;
    bool exact_ = false;
};

std::vector<std::string> split_list(const std::string& value, const ast::Option& o) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start <= value.size();) {
        const auto comma = std::min(value.find(',', start), value.size());
        if (comma > start) out.push_back(value.substr(start, comma - start));
        start = comma + 1;
    }
    if (out.empty()) fail("invalid query", fmt::format("{}: needs at least one value", o.name), o.value_span);
    return out;
}

std::size_t number_option(const ast::Option& o, std::size_t lowest, std::size_t highest) {
    std::size_t value = 0;
    auto [end, ec] = std::from_chars(o.value.data(), o.value.data() + o.value.size(), value);
    if (ec != std::errc() || end != o.value.data() + o.value.size() || value < lowest || value > highest)
        fail("invalid query", fmt::format("{}: takes a number from {} to {}, not '{}'", o.name, lowest, highest, o.value), o.value_span);
    return value;
}

std::vector<std::string> one_of(const ast::Option& o, std::initializer_list<const char*> allowed) {
    auto values = split_list(o.value, o);
    for (const auto& v : values)
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; }))
            fail("invalid query", fmt::format("{}: '{}' is not one of {}", o.name, v, fmt::join(allowed, ", ")), o.value_span);
    return values;
}

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; })) return false;
    const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

void apply(const kb::Database& db, const ast::Option& o, Filters& f, bool& status_given) {
    if (o.name == "instrument") {
        for (const auto& name : split_list(o.value, o)) f.instruments.push_back(resolve_instrument(db, name, o.value_span));
    } else if (o.name == "kind") {
        f.kinds = one_of(o, {"law", "judicial_interpretation", "normative_document"});
    } else if (o.name == "status") {
        status_given = true;
        f.statuses = one_of(o, {"in_force", "draft", "amended", "superseded", "repealed", "all"});
        if (std::find(f.statuses.begin(), f.statuses.end(), "all") != f.statuses.end()) f.statuses.clear();
    } else if (o.name == "date") {
        if (!is_date(o.value)) fail("invalid query", fmt::format("date: expects a date such as 2024-03-01, not '{}'", o.value), o.value_span);
        f.date = o.value;
    } else if (o.name == "limit") {
        f.limit = number_option(o, 1, max_limit);
    } else {
        f.offset = number_option(o, 0, 1000000);
    }
}

std::string placeholders(std::vector<std::string>& parameters, const std::vector<std::string>& values) {
    std::vector<std::string> marks;
    for (const auto& v : values) {
        parameters.push_back(v);
        marks.push_back(fmt::format("?{}", parameters.size() + 1));  // ?1 is the MATCH expression
    }
    return fmt::format("({})", fmt::join(marks, ", "));
}

// The version in force on a date: in effect by then, not a draft, and no newer version in effect by then.
constexpr const char* in_force_on = "i.status <> 'draft' AND COALESCE(NULLIF(i.effective, ''), i.promulgated) <= {0}"
                                    " AND NOT EXISTS (SELECT 1 FROM version_link v JOIN instrument n ON n.id = v.newer"
                                    " WHERE v.older = i.id AND COALESCE(NULLIF(n.effective, ''), n.promulgated) <= {0})";

void build_sql(Filters& f, bool status_given) {
    // In force by default; naming instruments or a date chooses versions explicitly.
    if (!status_given && f.date.empty() && f.instruments.empty()) f.statuses = {"in_force"};
    std::vector<std::string> conditions;
    if (!f.instruments.empty()) conditions.push_back("i.id IN " + placeholders(f.parameters, f.instruments));
    if (!f.kinds.empty()) conditions.push_back("i.kind IN " + placeholders(f.parameters, f.kinds));
    if (!f.statuses.empty()) conditions.push_back("i.status IN " + placeholders(f.parameters, f.statuses));
    if (!f.date.empty()) {
        f.parameters.push_back(f.date);
        conditions.push_back(fmt::format(in_force_on, fmt::format("?{}", f.parameters.size() + 1)));
    }
    f.sql = conditions.empty() ? "1" : fmt::format("{}", fmt::join(conditions, " AND "));
}

}  // namespace

std::string Filters::describe() const {
    std::vector<std::string> parts;
    if (!instruments.empty()) parts.push_back(fmt::format("instrument in {}", fmt::join(instruments, ", ")));
    if (!kinds.empty()) parts.push_back(fmt::format("kind in {}", fmt::join(kinds, ", ")));
    parts.push_back(statuses.empty() ? "any status" : fmt::format("status in {}", fmt::join(statuses, ", ")));
    if (!date.empty()) parts.push_back(fmt::format("the version in force on {}", date));
    parts.push_back(fmt::format("limit {} offset {}", limit, offset));
    return fmt::format("{}", fmt::join(parts, "; "));
}

// Options apply to the whole search, wherever they stand among AND and OR operands (not under NOT, a
// field or a proximity connector, where the compiler rejects them); they leave the tree here.
void take_options(const kb::Database& db, ast::QueryPtr& query, Filters& filters, bool& status_given) {
    if (const auto* o = std::get_if<ast::Option>(&query->node)) {
        apply(db, *o, filters, status_given);
        query.reset();
        return;
    }
    auto prune = [&](std::vector<ast::QueryPtr>& operands) {
        for (auto& operand : operands) take_options(db, operand, filters, status_given);
        std::erase_if(operands, [](const ast::QueryPtr& q) { return !q; });
        if (operands.empty()) query.reset();
        else if (operands.size() == 1) query = std::move(operands.front());
    };
    if (auto* a = std::get_if<ast::And>(&query->node)) prune(a->operands);
    else if (auto* o = std::get_if<ast::Or>(&query->node)) prune(o->operands);
}

// Code points of `text` when every one is an ideograph; 0 otherwise.
std::size_t ideograph_count(const std::string& text) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    std::size_t count = 0;
    for (int32_t i = 0; i < n; ++count) {
        UChar32 c;
        U8_NEXT(bytes, i, n, c);
        if (c < 0 || !kb::is_ideograph(static_cast<char32_t>(c))) return 0;
    }
    return count;
}

// The ICU words of an all-Chinese text of five characters or more, when none of them is a single character
// (shorter runs are words or set terms such as 网络暴力 and match exactly as written).
std::vector<std::string> chinese_words(const std::string& text) {
    if (ideograph_count(text) < 5) return {};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_SUCCESS(status)) words->setText(utext, status);
    utext_close(utext);
    if (U_FAILURE(status)) return {};
    std::vector<std::string> out;
    for (int32_t start = words->first(), end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
        out.push_back(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
        if (ideograph_count(out.back()) < 2) return {};  // a one-character word: keep the term whole
    }
    return out.size() >= 2 ? out : std::vector<std::string>{};
}

// An unquoted run of five or more Chinese characters such as 网络暴力诽谤 is read as its words (网络 AND 暴力 AND 诽谤), as a Chinese
// search engine would: every article holding the run still matches. "Quoted" text stays a phrase.
void split_words(ast::QueryPtr& query, std::vector<std::string>& runs) {
    if (const auto* t = std::get_if<ast::Term>(&query->node)) {
        if (t->prefix) return;
        const auto words = chinese_words(t->text);
        if (words.empty()) return;
        runs.push_back(t->text);
        ast::And all;
        for (const auto& w : words) all.operands.push_back(std::make_unique<ast::Query>(ast::Query{ast::Term{w, false}, query->span}));
        query = std::make_unique<ast::Query>(ast::Query{std::move(all), query->span});
        return;
    }
    std::visit([&](auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::And> || std::is_same_v<T, ast::Or>)
            for (auto& operand : node.operands) split_words(operand, runs);
        if constexpr (std::is_same_v<T, ast::Field>) split_words(node.operand, runs);
        if constexpr (std::is_same_v<T, ast::Not>) {
            std::vector<std::string> excluded;  // a run under NOT is no reason to rank an article up
            split_words(node.operand, excluded);
        }
        // Under a proximity connector a run stays whole: its words would not be one operand.
    }, query->node);
}

Plan plan_search(const kb::Database& db, ast::QueryPtr& query) {
    Plan plan;
    bool status_given = false;
    const ast::Span whole = query->span;
    take_options(db, query, plan.filters, status_given);
    if (!query) fail("invalid query", "a search needs at least one term besides its options", whole);
    split_words(query, plan.runs);
    build_sql(plan.filters, status_given);
    Compiler compiler;
    plan.match = compiler.compile(*query);
    plan.exact = compiler.exact();
    plan.query = query.get();
    return plan;
}

}  // namespace lexq::engine
