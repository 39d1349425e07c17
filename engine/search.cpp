#include "search.hpp"

#include <algorithm>
#include <map>
#include <queue>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "matcher.hpp"
#include "provisions.hpp"
#include "query.hpp"

namespace lexq::engine {
namespace {

constexpr double title_weight = 2.0, headings_weight = 1.0, text_weight = 1.0;
constexpr char mark_open = '\x02';
constexpr char mark_close = '\x03';

struct Candidate {
    long long rowid;
    double score;
    const std::string* instrument_id;  // a key of the query's KeptInstruments
    long long instrument_seq, article_seq;
    bool holds_run = false;  // holds a Chinese run that the query read as words, whole
};

// The ranking by score alone: bm25 times authority, ties broken by instrument and article order.
bool ranks_before(const Candidate& a, const Candidate& b) {
    return std::tie(a.score, a.instrument_seq, a.article_seq) < std::tie(b.score, b.instrument_seq, b.article_seq);
}

constexpr double whole_word_boost = 2.0;  // bm25 is negative: a factor above 1 ranks higher

// Authority: the statute before the interpretation before the normative document, and the text in force
// before drafts and superseded versions, when their bm25 scores are close; then how often the article is
// cited (authority_of). bm25 is negative: a factor above 1 ranks higher.
constexpr const char* instrument_authority = "CASE i.kind WHEN 'law' THEN 1.5 WHEN 'judicial_interpretation' THEN 1.25 ELSE 1.0 END"
                                             " * CASE i.status WHEN 'in_force' THEN 1.0 ELSE 0.8 END";

double authority_of(double instrument, long long cited) { return instrument * (1.0 + 0.25 * static_cast<double>(std::min(cited, 8LL))); }

// An instrument the filters keep, with what the ranking needs of it.
struct KeptInstrument {
    long long seq;
    double authority;
};

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using KeptInstruments = std::unordered_map<std::string, KeptInstrument, TextHash, std::equal_to<>>;

void bind_filters(kb::Statement& statement, const Filters& filters) {
    for (std::size_t i = 0; i < filters.parameters.size(); ++i) statement.bind(static_cast<int>(i) + 2, filters.parameters[i]);
}

// The filters are conditions on instruments only, so they are applied once per instrument, not per match.
KeptInstruments kept_instruments(const kb::Database& db, const Filters& filters) {
    auto kept = db.prepare(fmt::format("SELECT i.id, i.seq, {} FROM instrument i WHERE {}", instrument_authority, filters.sql));
    bind_filters(*kept, filters);
    KeptInstruments out;
    while (kept->step()) out.emplace(kept->text(0), KeptInstrument{kept->integer(1), kept->real(2)});
    return out;
}

using RowidRange = std::pair<long long, long long>;

// The rowid ranges of the kept instruments' articles, when the filters keep a few of them (at most
// max_ranged): FTS5 then reads only those stretches of each doclist instead of every match. Empty when the
// filters keep every instrument or too many, or when an instrument's rows are not contiguous.
constexpr std::size_t max_ranged = 64;

std::vector<RowidRange> filter_ranges(const kb::Database& db, const KeptInstruments& kept) {
    auto all = db.prepare("SELECT count(*) FROM instrument");
    all->step();
    if (kept.size() > max_ranged || static_cast<long long>(kept.size()) == all->integer(0)) return {};
    std::vector<RowidRange> ranges;
    auto span = db.prepare("SELECT min(rowid), max(rowid), count(*) FROM article WHERE instrument_id = ?1");
    for (const auto& [id, _] : kept) {
        span->bind(1, id);
        span->step();
        const long long low = span->integer(0), high = span->integer(1), count = span->integer(2);
        span->reset();
        if (count == 0) continue;
        if (high - low + 1 != count) return {};
        ranges.emplace_back(low, high);
    }
    if (ranges.empty()) ranges.emplace_back(1, 0);  // no article at all: one empty range
    std::sort(ranges.begin(), ranges.end());
    std::vector<RowidRange> merged{ranges.front()};
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i].first == merged.back().second + 1) merged.back().second = ranges[i].second;
        else merged.push_back(ranges[i]);
    }
    return merged;
}

// Every article FTS5 matches under the filters, in no order, with its score: bm25 with the weights below,
// in the index's column order text_zh, title, headings, text_en; times authority. bm25 reads its
// statistics from the whole index, so a rowid range leaves scores alone.
std::vector<Candidate> candidates(const kb::Database& db, const Plan& plan, const KeptInstruments& kept) {
    const std::vector<RowidRange> ranges = filter_ranges(db, kept);
    auto find = db.prepare(fmt::format("SELECT a.rowid, bm25(article_fts, {}, {}, {}, {}), a.cited, a.instrument_id, a.seq"
                                       " FROM article_fts JOIN article_rank a ON a.rowid = article_fts.rowid"
                                       " WHERE article_fts MATCH ?1{}",
                                       text_weight, title_weight, headings_weight, text_weight,
                                       ranges.empty() ? "" : " AND article_fts.rowid BETWEEN ?2 AND ?3"));
    std::vector<Candidate> rows;
    auto read = [&] {
        find->bind(1, plan.match);
        while (find->step()) {
            const auto in = kept.find(find->text_view(3));
            if (in == kept.end()) continue;
            const double score = find->real(1) * authority_of(in->second.authority, find->integer(2));
            rows.push_back({find->integer(0), score, &in->first, in->second.seq, find->integer(4)});
        }
        find->reset();
    };
    if (ranges.empty()) read();
    for (const auto& [first, last] : ranges) {
        find->bind(2, first).bind(3, last);
        read();
    }
    return rows;
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

std::vector<Snippet> snippets(const kb::Database& db, const std::string& match, long long rowid) {
    auto get = db.prepare("SELECT snippet(article_fts, 0, char(2), char(3), '…', 24),"
                          " snippet(article_fts, 3, char(2), char(3), '…', 24)"
                          " FROM article_fts WHERE article_fts MATCH ?1 AND rowid = ?2");
    get->bind(1, match).bind(2, rowid);
    std::vector<Snippet> out;
    if (!get->step()) return out;
    for (auto [column, lang] : {std::pair{0, "zh"}, std::pair{1, "en"}}) {
        const std::string marked = get->text(column);
        if (marked.find(mark_open) != std::string::npos) out.push_back(snippet_of(marked, lang));
    }
    return out;
}

// Matches per instrument, in the order of each instrument's best candidate by score.
std::vector<InstrumentCount> count_by_instrument(const std::vector<Candidate>& all) {
    std::unordered_map<const std::string*, std::pair<const Candidate*, std::size_t>> best;  // best candidate, count
    for (const auto& c : all) {
        auto [it, fresh] = best.try_emplace(c.instrument_id, &c, 0);
        if (!fresh && ranks_before(c, *it->second.first)) it->second.first = &c;
        ++it->second.second;
    }
    std::vector<std::pair<const Candidate*, std::size_t>> order;
    for (const auto& [id, found] : best) order.push_back(found);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return ranks_before(*a.first, *b.first); });
    std::vector<InstrumentCount> out;
    for (const auto& [c, count] : order) out.push_back({*c->instrument_id, count});
    return out;
}

// Matchers of the candidates already read, so that none is read and tokenized twice.
class Matchers {
public:
    Matchers(const kb::Database& db, const kb::IndexTokenizer& tokenizer) : db_(db), tokenizer_(tokenizer) {}
    Matcher& of(long long rowid) {
        auto& m = made_[rowid];
        if (!m) m = std::make_unique<Matcher>(tokenizer_, read_segments(db_, rowid));
        return *m;
    }
    void forget(long long rowid) { made_.erase(rowid); }

private:
    const kb::Database& db_;
    const kb::IndexTokenizer& tokenizer_;
    std::map<long long, std::unique_ptr<Matcher>> made_;
};

// The whole-word boost and typed runs, for the first rerank_window candidates. Without typed runs (which
// rank before any score), a candidate whose doubled score still falls short of the page_end-th best score
// among those before it cannot reach the page, so its words go unchecked: scores are negative, and the
// boost only ever improves a score.
void rerank(std::vector<Candidate>& kept, const Plan& plan, Matchers& matchers, std::map<long long, bool>& whole_word) {
    const std::size_t window = std::min(rerank_window, kept.size());
    const std::size_t page_end = std::min(plan.filters.offset + plan.filters.limit, kept.size());
    std::priority_queue<double> best;  // the page_end best scores so far; the top is the worst of them
    for (std::size_t i = 0; i < window; ++i) {
        Candidate& c = kept[i];
        if (!plan.runs.empty() || best.size() < page_end || c.score * whole_word_boost <= best.top()) {
            Matcher& m = matchers.of(c.rowid);
            whole_word[c.rowid] = m.whole_word(*plan.query);
            if (whole_word[c.rowid]) c.score *= whole_word_boost;
            c.holds_run = m.holds_any(plan.runs);
        }
        best.push(c.score);
        if (best.size() > page_end) best.pop();
    }
    // Articles holding a typed run whole come first; within each group, by score (with the whole-word
    // boost: 法人 the word above 执法人员).
    // Only the window moves: its scores only improve, and the candidates after it keep their order.
    std::stable_sort(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(window), [](const Candidate& a, const Candidate& b) {
        return a.holds_run != b.holds_run ? a.holds_run : a.score < b.score;
    });
}

}  // namespace

Result run_search(const kb::Database& db, const kb::IndexTokenizer& tokenizer, ast::QueryPtr& query) {
    const Plan plan = plan_search(db, query);
    const KeptInstruments instruments = kept_instruments(db, plan.filters);
    std::vector<Candidate> kept = candidates(db, plan, instruments);
    Matchers matchers(db, tokenizer);
    if (plan.exact) {  // proximity is checked on every candidate; a few matchers are kept for re-ranking
        std::size_t held = 0;
        std::erase_if(kept, [&](const Candidate& c) {
            const bool keep = matchers.of(c.rowid).matches(*plan.query);
            if (!keep || ++held > rerank_window) matchers.forget(c.rowid);
            return !keep;
        });
    }
    // Only the best are ever re-ranked or shown: the rest need not be sorted.
    const std::size_t sorted = std::min(kept.size(), std::max(rerank_window, plan.filters.offset + plan.filters.limit));
    std::partial_sort(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(sorted), kept.end(), ranks_before);
    Result r;
    r.kind = Result::Kind::search;
    r.match = plan.match;
    r.filters = plan.filters.describe();
    r.exact = plan.exact;
    r.total = kept.size();
    r.by_instrument = count_by_instrument(kept);
    r.limit = plan.filters.limit;
    r.offset = plan.filters.offset;
    std::map<long long, bool> whole_word;
    rerank(kept, plan, matchers, whole_word);
    for (std::size_t i = plan.filters.offset; i < kept.size() && r.hits.size() < plan.filters.limit; ++i) {
        const Candidate& c = kept[i];
        Hit hit{article_by_rowid(db, c.rowid), snippets(db, plan.match, c.rowid), {}, whole_word[c.rowid], c.score};
        hit.matched = matchers.of(c.rowid).matched_units(*plan.query);
        r.hits.push_back(std::move(hit));
    }
    return r;
}

Result explain_search(const kb::Database& db, ast::QueryPtr& query) {
    const Plan plan = plan_search(db, query);
    Result r;
    r.kind = Result::Kind::explain;
    r.tree = ast::to_string(*plan.query);
    r.match = plan.match;
    r.filters = plan.filters.describe();
    r.exact = plan.exact;
    return r;
}

}  // namespace lexq::engine
