#include "matcher.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <set>
#include <span>

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace lexq::engine {
namespace {

constexpr unsigned all_columns = 0xF;

unsigned column_bit(const std::string& field) {
    if (field == "title") return 1u << title_column;
    if (field == "heading") return 1u << headings_column;
    if (field == "zh") return 1u << zh_column;
    return 1u << en_column;
}

bool is_sentence_end(std::string_view text, std::size_t at) {
    const char c = text[at];
    if (c == '\n') return true;
    if (c == '.' || c == '!' || c == '?') return at + 1 == text.size() || text[at + 1] == ' ';
    if (c != '\xE3' && c != '\xEF') return false;  // the lead bytes of 。 and of ！？
    for (std::string_view mark : {"。", "！", "？"})
        if (text.substr(at, mark.size()) == mark) return true;
    return false;
}

// A word iterator for Chinese, cloned from one built per thread: building one loads ICU's rules each time.
icu::BreakIterator* word_iterator() {
    thread_local std::unique_ptr<icu::BreakIterator> prototype = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
        return U_SUCCESS(status) ? std::move(made) : nullptr;
    }();
    return prototype ? prototype->clone() : nullptr;
}

bool starts_with_ideograph(const std::string& token) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(token.data());
    const auto n = static_cast<int32_t>(token.size());
    int32_t i = 0;
    UChar32 c = -1;
    if (n > 0) U8_NEXT(bytes, i, n, c);
    return c >= 0 && kb::is_ideograph(static_cast<char32_t>(c));
}

std::string first_code_point(const std::string& token) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(token.data());
    int32_t i = 0;
    U8_FWD_1(bytes, i, static_cast<int32_t>(token.size()));
    return token.substr(0, static_cast<std::size_t>(i));
}

// A quick test a segment must pass to hold the leaf, from its first token: one made of two ideographs of
// the query comes only from two ideographs side by side folding to it (unless it is matched as a prefix);
// one that starts with an ideograph, only from a character folding to that.
std::function<bool(const std::string&)> screen_of(const std::string& text, const std::vector<kb::IndexTokenizer::Positioned>& query,
                                                  bool last_prefix) {
    const auto& first = query.front();
    if (!starts_with_ideograph(first.text)) return [](const std::string&) { return true; };
    const std::string_view source = std::string_view(text).substr(static_cast<std::size_t>(first.start),
                                                                  static_cast<std::size_t>(first.end - first.start));
    const bool as_prefix = last_prefix && query.back().position == 0;
    if (!as_prefix && kb::code_points(source) == 2)
        return [pair = first.text](const std::string& segment) { return kb::has_ideographs_folding_to(segment, pair); };
    return [start = first_code_point(first.text)](const std::string& segment) { return kb::has_ideograph_folding_to(segment, start); };
}

bool has_ideograph(const std::string& text) {
    for (const auto& t : kb::tokenize_document(text))
        if (!t.text.empty() && static_cast<unsigned char>(t.text[0]) >= 0xE0) return true;
    return false;
}

}  // namespace

// A segment's index tokens, by position, with the sentence of each position.
struct Matcher::Tokens {
    std::vector<kb::IndexTokenizer::Positioned> list;
    int base = 0;                  // first position in the column's stream
    std::vector<int> sentence_of;  // by local position
    std::vector<int> first;  // by local position, the index in list of its first token; then list.size()
    std::size_t count() const { return first.size() - 1; }
    // The tokens at a local position: more than one where a lone ideograph shares the position.
    std::span<const kb::IndexTokenizer::Positioned> at(int position) const {
        const auto p = static_cast<std::size_t>(position);
        return {list.data() + first[p], static_cast<std::size_t>(first[p + 1] - first[p])};
    }
    std::unique_ptr<icu::BreakIterator> words;  // built on first use
};

std::vector<Segment> read_segments(const kb::Database& db, long long rowid) {
    std::vector<Segment> out;
    auto article = db.prepare("SELECT title, headings FROM article WHERE rowid = ?1");
    article->bind(1, rowid);
    if (article->step()) {
        out.push_back({title_column, 0, 0, "", article->text(0)});
        out.push_back({headings_column, 0, 0, "", article->text(1)});
    }
    auto units = db.prepare("SELECT id, paragraph, item, text_zh, text_en FROM unit WHERE article_rowid = ?1 ORDER BY seq");
    units->bind(1, rowid);
    std::vector<Segment> english;
    while (units->step()) {
        const int paragraph = static_cast<int>(units->integer(1));
        const int item = units->is_null(2) ? 0 : static_cast<int>(units->integer(2));
        out.push_back({zh_column, paragraph, item, units->text(0), units->text(3)});
        english.push_back({en_column, paragraph, item, units->text(0), units->text(4)});
    }
    out.insert(out.end(), english.begin(), english.end());
    return out;
}

Matcher::Matcher(const kb::IndexTokenizer& tokenizer, std::vector<Segment> segments)
    : tokenizer_(tokenizer), segments_(std::move(segments)), tokens_(segments_.size()), counts_(segments_.size(), -1) {}

// A segment's positions, counted without making its tokens when nothing has made them.
int Matcher::count_of(std::size_t s) {
    if (tokens_[s]) return static_cast<int>(tokens_[s]->count());
    if (counts_[s] < 0) counts_[s] = kb::count_positions(segments_[s].text);
    return counts_[s];
}

// A segment's tokens, made on first use: most searches look at few of an article's segments.
const Matcher::Tokens& Matcher::tokens(std::size_t s) {
    if (tokens_[s]) return *tokens_[s];
    auto t = std::make_unique<Tokens>();
    for (std::size_t before = 0; before < s; ++before)  // positions run on across the column's segments
        if (segments_[before].column == segments_[s].column) t->base += count_of(before) + 1;  // with a gap between
    t->list = tokenizer_.document(segments_[s].text);
    const int count = t->list.empty() ? 0 : t->list.back().position + 1;
    t->first.assign(static_cast<std::size_t>(count) + 1, static_cast<int>(t->list.size()));
    t->sentence_of.resize(static_cast<std::size_t>(count));
    int sentence = static_cast<int>(s) * 100000;
    std::size_t scanned = 0;
    for (std::size_t i = t->list.size(); i-- > 0;) t->first[static_cast<std::size_t>(t->list[i].position)] = static_cast<int>(i);
    for (const auto& token : t->list) {
        for (; scanned < static_cast<std::size_t>(token.start); ++scanned)
            if (is_sentence_end(segments_[s].text, scanned)) ++sentence;
        t->sentence_of[static_cast<std::size_t>(token.position)] = sentence;
    }
    tokens_[s] = std::move(t);
    return *tokens_[s];
}

Matcher::~Matcher() = default;

std::vector<Matcher::Occurrence> Matcher::leaf(const std::string& text, bool prefix, unsigned columns) {
    const auto query = tokenizer_.query(text);
    std::vector<Occurrence> out;
    if (query.empty()) return out;
    const bool last_prefix = prefix || kb::ends_with_lone_ideograph(text);
    const auto screen = screen_of(text, query, last_prefix);
    for (std::size_t s = 0; s < segments_.size(); ++s) {
        if (!(columns & (1u << segments_[s].column))) continue;
        if (!screen(segments_[s].text)) continue;
        const Tokens& t = tokens(s);
        const int length = query.back().position + 1;
        for (int p = 0; p + length <= static_cast<int>(t.count()); ++p) {
            bool ok = true;
            for (const auto& q : query) {
                const bool is_last = q.position == length - 1;
                const auto here = t.at(p + q.position);
                ok = std::any_of(here.begin(), here.end(), [&](const auto& d) {
                    return is_last && last_prefix ? d.text.starts_with(q.text) : d.text == q.text;
                });
                if (!ok) break;
            }
            if (!ok) continue;
            int end_byte = 0;
            for (const auto& d : t.at(p + length - 1)) end_byte = std::max(end_byte, d.end);
            out.push_back({static_cast<int>(s), t.base + p, t.base + p + length, t.sentence_of[static_cast<std::size_t>(p)],
                           t.at(p).front().start, end_byte});
        }
    }
    return out;
}

std::vector<Matcher::Occurrence> Matcher::near(const ast::Near& n, unsigned columns) {
    const auto left = eval(*n.left, columns);
    const auto right = eval(*n.right, columns);
    std::vector<Occurrence> out;
    for (const auto& a : left)
        for (const auto& b : right) {
            const Segment& sa = segments_[static_cast<std::size_t>(a.segment)];
            const Segment& sb = segments_[static_cast<std::size_t>(b.segment)];
            bool ok = sa.column == sb.column;
            switch (n.kind) {
                case ast::NearKind::words: ok = ok && std::max(a.start, b.start) - std::min(a.end, b.end) <= n.distance; break;
                case ast::NearKind::ordered: ok = ok && b.start >= a.end && b.start - a.end <= n.distance; break;
                case ast::NearKind::sentence: ok = ok && a.sentence == b.sentence; break;
                case ast::NearKind::paragraph: ok = ok && sa.paragraph > 0 && sa.paragraph == sb.paragraph; break;
                case ast::NearKind::item: ok = ok && sa.item > 0 && sa.paragraph == sb.paragraph && sa.item == sb.item; break;
                case ast::NearKind::article: ok = true; break;
            }
            if (ok) out.push_back({a.segment, std::min(a.start, b.start), std::max(a.end, b.end), a.sentence, a.start_byte, a.end_byte});
        }
    return out;
}

std::vector<Matcher::Occurrence> Matcher::eval(const ast::Query& q, unsigned columns) {
    if (const auto* t = std::get_if<ast::Term>(&q.node)) return leaf(t->text, t->prefix, columns);
    if (const auto* p = std::get_if<ast::Phrase>(&q.node)) return leaf(p->text, false, columns);
    if (const auto* f = std::get_if<ast::Field>(&q.node)) return eval(*f->operand, columns & column_bit(f->name));
    if (const auto* n = std::get_if<ast::Near>(&q.node)) return near(*n, columns);
    std::vector<Occurrence> out;
    if (const auto* o = std::get_if<ast::Or>(&q.node)) {
        for (const auto& operand : o->operands) {
            auto occurrences = eval(*operand, columns);
            out.insert(out.end(), occurrences.begin(), occurrences.end());
        }
    } else if (const auto* a = std::get_if<ast::And>(&q.node)) {
        for (const auto& operand : a->operands) {
            if (const auto* n = std::get_if<ast::Not>(&operand->node)) {
                if (!eval(*n->operand, columns).empty()) return {};
                continue;
            }
            auto occurrences = eval(*operand, columns);
            if (occurrences.empty()) return {};
            out.insert(out.end(), occurrences.begin(), occurrences.end());
        }
    }
    return out;  // a NOT on its own never matches; the planner rejects it
}

bool Matcher::matches(const ast::Query& query) { return !eval(query, all_columns).empty(); }

// Every term and phrase outside NOT, with its occurrences.
void Matcher::leaves(const ast::Query& q, unsigned columns,
                     std::vector<std::pair<const std::string*, std::vector<Occurrence>>>& out) {
    if (const auto* t = std::get_if<ast::Term>(&q.node)) out.emplace_back(&t->text, leaf(t->text, t->prefix, columns));
    if (const auto* p = std::get_if<ast::Phrase>(&q.node)) out.emplace_back(&p->text, leaf(p->text, false, columns));
    if (const auto* f = std::get_if<ast::Field>(&q.node)) leaves(*f->operand, columns & column_bit(f->name), out);
    if (const auto* n = std::get_if<ast::Near>(&q.node)) {
        leaves(*n->left, columns, out);
        leaves(*n->right, columns, out);
    }
    if (const auto* o = std::get_if<ast::Or>(&q.node))
        for (const auto& operand : o->operands) leaves(*operand, columns, out);
    if (const auto* a = std::get_if<ast::And>(&q.node))
        for (const auto& operand : a->operands) leaves(*operand, columns, out);
}

std::vector<std::string> Matcher::matched_units(const ast::Query& query) {
    std::vector<std::pair<const std::string*, std::vector<Occurrence>>> found;
    leaves(query, all_columns, found);
    std::set<int> segments;
    for (const auto& [text, occurrences] : found)
        for (const auto& o : occurrences) segments.insert(o.segment);
    std::vector<std::string> units;
    for (int s : segments) {
        const std::string& id = segments_[static_cast<std::size_t>(s)].unit_id;
        if (!id.empty() && std::find(units.begin(), units.end(), id) == units.end()) units.push_back(id);
    }
    std::sort(units.begin(), units.end(), [&](const std::string& a, const std::string& b) {
        auto order = [&](const std::string& id) {
            for (std::size_t i = 0; i < segments_.size(); ++i)
                if (segments_[i].unit_id == id) return i;
            return segments_.size();
        };
        return order(a) < order(b);
    });
    return units;
}

bool Matcher::on_word_boundaries(const Occurrence& o) {
    Tokens& t = *tokens_[static_cast<std::size_t>(o.segment)];  // made when the occurrence was found
    const std::string& text = segments_[static_cast<std::size_t>(o.segment)].text;
    if (!t.words) {
        UErrorCode status = U_ZERO_ERROR;
        t.words.reset(word_iterator());
        if (!t.words) return false;
        UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
        t.words->setText(utext, status);
        utext_close(utext);  // the iterator keeps its own shallow clone
        if (U_FAILURE(status)) return false;
    }
    return t.words->isBoundary(o.start_byte) && t.words->isBoundary(o.end_byte);
}

bool Matcher::holds_any(const std::vector<std::string>& texts) {
    return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) { return !leaf(t, false, all_columns).empty(); });
}

bool Matcher::whole_word(const ast::Query& query) {
    std::vector<std::pair<const std::string*, std::vector<Occurrence>>> found;
    leaves(query, all_columns, found);
    for (const auto& [text, occurrences] : found) {
        if (!has_ideograph(*text)) continue;
        for (const auto& o : occurrences)
            if (on_word_boundaries(o)) return true;
    }
    return false;
}

}  // namespace lexq::engine
