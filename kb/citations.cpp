#include "citations.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>
#include <unicode/utf8.h>

#include "model.hpp"
#include "numerals.hpp"
#include "schema.hpp"
#include "tokenizer.hpp"

namespace lexq::kb {
namespace {

// Byte offset of the last `count` code points of `s`, or npos when it has fewer.
std::size_t tail_start(std::string_view s, std::size_t count) {
    std::size_t at = s.size();
    while (count > 0 && at > 0) {
        --at;
        if ((static_cast<unsigned char>(s[at]) & 0xC0) != 0x80) --count;
    }
    return count == 0 ? at : std::string_view::npos;
}

std::size_t head_end(std::string_view s, std::size_t count) {
    std::size_t at = 0;
    while (count > 0 && at < s.size()) {
        ++at;
        while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
        --count;
    }
    return count == 0 ? at : std::string_view::npos;
}

std::string year_of(const std::string& date) { return date.size() >= 4 ? date.substr(0, 4) : std::string(); }

}  // namespace

std::string canonical_id(const std::string& instrument, int key, int paragraph, int item) {
    std::string id = fmt::format("{} {}", instrument, key / 100);
    if (key % 100) id += fmt::format("-{}", key % 100);
    if (paragraph) id += fmt::format("({})", paragraph);
    if (item) id += fmt::format("({})", item);
    return id;
}

std::optional<CitationContext> context_of(const std::string& canonical, const std::string& date) {
    CitationContext c;
    c.date = date;
    const auto space = canonical.find(' ');
    c.instrument = canonical.substr(0, space);
    if (space == std::string::npos) return c;
    std::string rest = canonical.substr(space + 1);
    const auto paren = rest.find('(');
    auto number = parse_article_number(rest.substr(0, paren));
    if (!number) return std::nullopt;
    c.article_key = article_key(number->main, number->sub);
    if (paren != std::string::npos) {
        int values[2] = {0, 0};
        if (std::sscanf(rest.c_str() + paren, "(%d)(%d)", &values[0], &values[1]) < 1) return std::nullopt;
        c.paragraph = values[0];
        c.item = values[1];
    }
    return c;
}

Catalog::Catalog(const Database& db) : db_(&db) {
    Statement in(db.handle(), "SELECT id, short_title_zh, status, COALESCE(NULLIF(effective, ''), promulgated, ''),"
                              " adopted, promulgated, effective, amended, COALESCE(last_article, 0) FROM instrument");
    while (in.step()) {
        CatalogInstrument c{in.text(0), in.text(1), in.text(2), in.text(3), {}, {}, static_cast<int>(in.integer(8)), {}};
        for (int col : {4, 5})
            if (!in.text(col).empty()) c.years.insert(year_of(in.text(col)));
        const std::string amended = in.text(7);
        for (std::size_t at = amended.find('"'); at != std::string::npos; at = amended.find('"', at + 12))
            c.years.insert(amended.substr(at + 1, 4));
        instruments_.emplace(c.id, std::move(c));
    }
    Statement links(db.handle(), "SELECT older, newer FROM version_link");
    while (links.step()) instruments_[links.text(0)].superseded_by.push_back(links.text(1));
    Statement inserted(db.handle(), "SELECT instrument_id, key FROM inserted_article");
    while (inserted.step()) instruments_[inserted.text(0)].inserted.insert(static_cast<int>(inserted.integer(1)));
    Statement names(db.handle(), "SELECT name, instrument_id FROM instrument_name");
    while (names.step()) {
        const std::string name = names.text(0);
        if (name.empty()) continue;
        names_[name].push_back(names.text(1));
        name_lengths_.insert(code_points(name));
        first_chars_.insert(name.substr(0, head_end(name, 1)));
        last_chars_.insert(name.substr(tail_start(name, 1)));
    }
    Statement successors(db.handle(), "SELECT older, newer FROM successor ORDER BY rowid");
    while (successors.step()) successors_[successors.text(0)].push_back(successors.text(1));
}

// The code points at the end of a text, each folded once: a name of n code points is looked up as the fold
// of the last n, as fold() of that slice would give, without folding it again per length.
struct FoldedEnds {
    std::vector<std::string> pieces;  // folded code points, nearest the end first
    std::vector<std::size_t> bytes;   // original bytes taken by the last k + 1 pieces
};

FoldedEnds fold_tail(std::string_view text, std::size_t count) {
    FoldedEnds out;
    for (std::size_t end = text.size(); end > 0 && out.pieces.size() < count;) {
        const std::size_t at = tail_start(text.substr(0, end), 1);
        if (at == std::string_view::npos) break;  // only stray continuation bytes are left (invalid UTF-8)
        out.pieces.push_back(fold(text.substr(at, end - at)));
        out.bytes.push_back(text.size() - at);
        end = at;
    }
    return out;
}

std::size_t Catalog::longest_suffix(std::string_view before) const {
    if (name_lengths_.empty()) return 0;
    const FoldedEnds tail = fold_tail(before, *name_lengths_.rbegin());
    if (tail.pieces.empty() || !last_chars_.count(tail.pieces.front())) return 0;
    std::vector<std::string> folded(tail.pieces.size() + 1);  // folded[n]: the last n code points
    for (std::size_t n = 1; n <= tail.pieces.size(); ++n) folded[n] = tail.pieces[n - 1] + folded[n - 1];
    for (auto length = name_lengths_.rbegin(); length != name_lengths_.rend(); ++length)
        if (*length <= tail.pieces.size() && names_.count(folded[*length])) return tail.bytes[*length - 1];
    return 0;
}

// fold() of one code point of `text` (at a lead byte), and where the next starts.
std::pair<const std::string*, std::size_t> fold_next(std::string_view text, std::size_t at) {
    static const std::string nothing;
    const std::size_t end = at + head_end(text.substr(at), 1);
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_NEXT(bytes, i, static_cast<int32_t>(end), c);
    return {c < 0 ? &nothing : &fold_code_point(static_cast<char32_t>(c)), end};
}

std::size_t Catalog::longest_prefix(std::string_view after) const {
    if (after.empty() || name_lengths_.empty() || !first_chars_.count(*fold_next(after, 0).first)) return 0;
    // Folded one code point at a time, for as long as some name starts so.
    std::string folded;
    std::vector<std::size_t> folded_size{0}, bytes{0};  // of the first n code points
    for (std::size_t at = 0; at < after.size() && folded_size.size() <= *name_lengths_.rbegin();) {
        const auto [piece, end] = fold_next(after, at);
        folded += *piece;
        const auto next = names_.lower_bound(folded);
        if (next == names_.end() || !next->first.starts_with(folded)) break;
        folded_size.push_back(folded.size());
        bytes.push_back(end);
        at = end;
    }
    for (auto length = name_lengths_.rbegin(); length != name_lengths_.rend(); ++length) {
        if (*length >= folded_size.size() || !names_.count(std::string_view(folded).substr(0, folded_size[*length]))) continue;
        const std::size_t end = bytes[*length];
        const bool word_end = end == after.size() || !std::isalnum(static_cast<unsigned char>(after[end]));
        if (word_end) return end;
    }
    return 0;
}

std::vector<std::string> Catalog::instruments_named(const std::string& name) const {
    auto it = names_.find(fold(name));
    if (it == names_.end() && fold(name).starts_with("中华人民共和国")) it = names_.find(fold(name).substr(21));
    return it == names_.end() ? std::vector<std::string>{} : it->second;
}

const CatalogInstrument* Catalog::instrument(const std::string& id) const {
    auto it = instruments_.find(id);
    return it == instruments_.end() ? nullptr : &it->second;
}

namespace {

// One unit row (key, paragraph, item) into the items-per-paragraph of its article.
void add_unit(std::map<int, std::vector<int>>& articles, const Statement& row, int first_column) {
    auto& paragraphs = articles[static_cast<int>(row.integer(first_column))];
    const auto paragraph = static_cast<std::size_t>(row.integer(first_column + 1));
    if (paragraphs.size() < paragraph) paragraphs.resize(paragraph, 0);
    if (!row.is_null(first_column + 2)) ++paragraphs[paragraph - 1];
}

}  // namespace

const std::map<int, std::vector<int>>& Catalog::articles_of(const std::string& id) const {
    if (auto it = articles_.find(id); it != articles_.end()) return it->second;
    auto& articles = articles_[id];
    if (all_read_) return articles;  // an instrument without articles
    Statement units(db_->handle(), "SELECT a.key, u.paragraph, u.item FROM article a JOIN unit u ON u.article_rowid = a.rowid"
                                   " WHERE a.instrument_id = ?1 ORDER BY a.key, u.seq");
    units.bind(1, id);
    while (units.step()) add_unit(articles, units, 0);
    return articles;
}

void Catalog::read_all_articles() {
    for (const auto& [id, _] : instruments_) articles_[id];  // every instrument, articles or none
    Statement units(db_->handle(), "SELECT a.instrument_id, a.key, u.paragraph, u.item FROM unit u"
                                   " JOIN article a ON a.rowid = u.article_rowid ORDER BY u.rowid");
    while (units.step()) add_unit(articles_[units.text(0)], units, 1);
    all_read_ = true;
}

const std::vector<int>* Catalog::article(const std::string& id, int key) const {
    const auto& articles = articles_of(id);
    auto it = articles.find(key);
    return it == articles.end() ? nullptr : &it->second;
}

std::vector<std::string> Catalog::successors(const std::string& article_id) const {
    auto it = successors_.find(article_id);
    return it == successors_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<int> Catalog::held_keys(const std::string& id) const {
    std::vector<int> keys;
    for (const auto& [key, paragraphs] : articles_of(id)) keys.push_back(key);
    return keys;
}

namespace {

struct Failure {
    std::string status, message;
    std::string target = {};  // the id the provision would have
};

// A provision a citation names, before its existence is checked.
struct Target {
    int key = 0;
    int paragraph = 0;
    int item = 0;
};

class Resolver {
public:
    Resolver(const Catalog& catalog, const CitationContext& context) : catalog_(catalog), context_(context) {}

    Resolution run(const cite::Citation& c) {
        Resolution r;
        try {
            instrument_ = pick_instrument(c);
            auto targets = expand(c);
            r.status = "resolved";
            if (targets.empty()) r.targets.push_back(instrument_);
            for (const Target& t : targets) check(t, r);
            superseded(r);
        } catch (const Failure& f) {
            r.status = f.status;
            r.message = f.message;
            r.suggestions = suggestions_;
            r.targets.clear();
            if (!f.target.empty()) r.targets.push_back(f.target);
        }
        return r;
    }

private:
    int number(const std::optional<ast::Number>& n) const {
        if (!n) return 0;
        auto value = parse_number(n->text);
        if (!value) throw Failure{"no_such_provision", fmt::format("'{}' is not a valid number", n->text)};
        return *value;
    }

    bool in_force_on(const CatalogInstrument& in, const std::string& date) const {
        if (in.status == "draft" || in.start > date) return false;
        return std::none_of(in.superseded_by.begin(), in.superseded_by.end(), [&](const std::string& id) {
            const auto* newer = catalog_.instrument(id);
            return newer && !newer->start.empty() && newer->start <= date;
        });
    }

    std::string pick_instrument(const cite::Citation& c) {
        if (c.scope != cite::Scope::named) {
            if (context_.instrument.empty())
                throw Failure{"unknown_instrument", "a relative citation needs the provision it stands in"};
            return context_.instrument;
        }
        auto ids = catalog_.instruments_named(c.instrument);
        if (ids.empty()) throw Failure{"unknown_instrument", fmt::format("no instrument named '{}'", c.instrument)};
        if (!c.version_year.empty()) return version_of_year(c, ids);
        if (ids.size() > 1) {
            std::vector<std::string> current;
            for (const auto& id : ids)
                if (in_force_on(*catalog_.instrument(id), context_.date)) current.push_back(id);
            if (current.size() == 1) return current.front();
            suggestions_ = ids;
            throw Failure{"ambiguous_instrument", fmt::format("'{}' names several instruments: {}", c.instrument, fmt::join(ids, ", "))};
        }
        return ids.front();
    }

    // 2012年治安管理处罚法: the version made that year, else the one in force at its end.
    std::string version_of_year(const cite::Citation& c, const std::vector<std::string>& ids) {
        std::vector<std::string> made, in_force;
        for (const auto& id : ids) {
            const auto* in = catalog_.instrument(id);
            if (!in->years.empty() && *in->years.rbegin() == c.version_year) made.push_back(id);
            if (in_force_on(*in, c.version_year + "-12-31")) in_force.push_back(id);
        }
        if (made.size() == 1) return made.front();
        if (in_force.size() == 1) return in_force.front();
        throw Failure{"unknown_instrument", fmt::format("no version of '{}' of {}", c.instrument, c.version_year)};
    }

    int previous_key(int key) const {
        int best = 0;
        for (int k : keys_between(0, key - 1)) best = std::max(best, k);
        if (!best) throw Failure{"no_such_provision", "前条 stands in the first article"};
        return best;
    }

    // Elements take the levels they lack from the element before them (第一款、第二款 of one article);
    // a range runs from the element before to this one.
    std::vector<Target> expand(const cite::Citation& c) {
        Target current{context_.article_key, c.scope == cite::Scope::unqualified ? context_.paragraph : 0, 0};
        if (c.scope == cite::Scope::previous_article) current = {previous_key(context_.article_key), 0, 0};
        if (c.scope == cite::Scope::previous_article && c.elements.empty()) return {current};
        if (c.scope == cite::Scope::previous_paragraphs) {
            std::vector<Target> out;
            for (int p = context_.paragraph - c.previous_count; p < context_.paragraph; ++p)
                out.push_back({context_.article_key, p, 0});
            if (out.empty() || out.front().paragraph < 1)
                throw Failure{"no_such_provision", "前款 stands in the first paragraph"};
            if (c.elements.empty()) return out;
            current = out.back();
        }
        if (c.scope == cite::Scope::this_paragraph) current.paragraph = context_.paragraph;
        if (c.scope == cite::Scope::this_article && c.elements.empty()) return {{context_.article_key, 0, 0}};
        if (c.scope == cite::Scope::this_paragraph && c.elements.empty()) return {current};
        std::vector<Target> out;
        for (const cite::Element& e : c.elements) {
            Target t = current;
            if (e.article) t = {kb::article_key(number(e.article), number(e.article_sub)), 0, 0};
            if (e.paragraph && !e.article && c.scope == cite::Scope::unqualified) t.paragraph = 0;
            if (e.paragraph) t.paragraph = number(e.paragraph), t.item = 0;
            if (e.item) t.item = number(e.item);
            if (t.key == 0) throw Failure{"unknown_instrument", "a citation of a paragraph or item needs the article it stands in"};
            if (e.range_from_previous && !out.empty())
                range(out.back(), t, out);
            else
                out.push_back(t);
            current = t;
        }
        return out;
    }

    // Adds the targets after `from` up to and including `to`, at the level where they differ.
    void range(const Target& from, const Target& to, std::vector<Target>& out) {
        if (from.key != to.key) {
            for (int key : keys_between(from.key, to.key)) out.push_back({key, 0, 0});
            return;
        }
        if (from.paragraph != to.paragraph && !from.item && !to.item) {
            for (int p = from.paragraph + 1; p <= to.paragraph; ++p) out.push_back({to.key, p, 0});
            return;
        }
        for (int i = from.item + 1; i <= to.item; ++i) out.push_back({to.key, to.paragraph, i});
    }

    std::vector<int> keys_between(int from, int to) const {
        const auto* in = catalog_.instrument(instrument_);
        std::set<int> keys;
        if (in->last_article)
            for (int main = from / 100; main <= to / 100 && main <= in->last_article; ++main) keys.insert(main * 100);
        for (int key : in->inserted) keys.insert(key);
        for (int key : catalog_.held_keys(instrument_)) keys.insert(key);
        std::vector<int> out;
        for (int key : keys)
            if (key > from && key <= to) out.push_back(key);
        return out;
    }

    void check(Target t, Resolution& r) {
        const auto* in = catalog_.instrument(instrument_);
        const auto* paragraphs = catalog_.article(instrument_, t.key);
        if (!paragraphs) {
            const bool exists = in->last_article && (t.key % 100 ? in->inserted.count(t.key) > 0 : t.key / 100 <= in->last_article);
            if (exists) {
                r.status = r.status == "resolved" ? "not_in_kb" : r.status;
                r.targets.push_back(canonical_id(instrument_, t.key, t.paragraph, t.item));
                r.message = fmt::format("{} is not in the knowledge base", r.targets.back());
                return;
            }
            const std::string range = in->last_article ? fmt::format("articles run 1–{}{}", in->last_article, in->inserted.empty() ? "" : " plus 之一 articles")
                                                       : fmt::format("the knowledge base holds all of its articles");
            throw Failure{"no_such_provision", fmt::format("{} has no article {}; {}", in->short_title,
                                                           canonical_id(instrument_, t.key).substr(instrument_.size() + 1), range),
                          canonical_id(instrument_, t.key, t.paragraph, t.item)};
        }
        if (t.item && !t.paragraph) {  // the Opinions' numbering: the item of the only paragraph with items
            std::vector<int> with_items;
            for (std::size_t p = 0; p < paragraphs->size(); ++p)
                if ((*paragraphs)[p] > 0) with_items.push_back(static_cast<int>(p) + 1);
            if (with_items.size() != 1)
                throw Failure{"no_such_provision", fmt::format("{} needs its paragraph", canonical_id(instrument_, t.key)),
                              canonical_id(instrument_, t.key, 0, t.item)};
            t.paragraph = with_items.front();
        }
        if (t.paragraph > static_cast<int>(paragraphs->size()) || (t.item && t.item > (*paragraphs)[static_cast<std::size_t>(t.paragraph) - 1]))
            throw Failure{"no_such_provision", fmt::format("{} does not exist", canonical_id(instrument_, t.key, t.paragraph, t.item)),
                          canonical_id(instrument_, t.key, t.paragraph, t.item)};
        r.targets.push_back(canonical_id(instrument_, t.key, t.paragraph, t.item));
    }

    void superseded(Resolution& r) {
        const auto* in = catalog_.instrument(instrument_);
        if (r.status != "resolved" || in_force_on(*in, context_.date) || in->superseded_by.empty()) return;
        const bool replaced = std::any_of(in->superseded_by.begin(), in->superseded_by.end(), [&](const std::string& id) {
            const auto* newer = catalog_.instrument(id);
            return newer && !newer->start.empty() && newer->start <= context_.date;
        });
        if (!replaced) return;
        r.status = "superseded";
        for (const std::string& target : r.targets) {
            const std::string article = target.substr(0, target.find('('));
            for (const std::string& s : catalog_.successors(article))
                if (std::find(r.successors.begin(), r.successors.end(), s) == r.successors.end()) r.successors.push_back(s);
        }
        r.message = fmt::format("{} is superseded by {}", instrument_, fmt::join(in->superseded_by, ", "));
    }

    const Catalog& catalog_;
    const CitationContext& context_;
    std::string instrument_;
    std::vector<std::string> suggestions_;
};

}  // namespace

Resolution resolve(const Catalog& catalog, const cite::Citation& citation, const CitationContext& context) {
    return Resolver(catalog, context).run(citation);
}

}  // namespace lexq::kb
