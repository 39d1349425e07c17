#include "validate.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace lexq::kb {
namespace {

bool is_id(const std::string& id) {
    if (id.empty() || id.size() > 16 || id[0] < 'A' || id[0] > 'Z') return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

bool one_of(const std::string& value, std::initializer_list<const char*> allowed) {
    return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

// Line breaks are allowed: an item's numbered sub-items (1. 2. …) stand on lines of their own.
bool has_control_character(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f; });
}

class Checker {
public:
    Checker(const Instrument& in, Diagnostics& out) : in_(in), out_(out) {}

    void run() {
        header();
        if (in_.preamble) text(*in_.preamble, "preamble");
        articles();
        headings();
    }

private:
    void error(int line, std::string message) { out_.push_back({in_.file, line, std::move(message)}); }

    void header() {
        if (!in_.id.empty() && !is_id(in_.id))
            error(in_.line, fmt::format("bad instrument id '{}' (expected capitals and digits, e.g. CL)", in_.id));
        if (!in_.kind.empty() && !one_of(in_.kind, {"law", "judicial_interpretation", "normative_document"}))
            error(in_.line, fmt::format("unknown kind '{}' (law, judicial_interpretation, normative_document)", in_.kind));
        if (!in_.status.empty() && !one_of(in_.status, {"draft", "in_force", "amended", "superseded", "repealed"}))
            error(in_.line,
                  fmt::format("unknown status '{}' (draft, in_force, amended, superseded, repealed)", in_.status));
        const Dates& d = in_.dates;
        if (d.adopted.empty() && d.promulgated.empty() && d.effective.empty())
            error(in_.line, "dates: at least one of adopted, promulgated, effective is required");
        if (in_.articles.empty()) error(in_.line, "instrument has no articles");
    }

    void text(const Text& t, const std::string& where) {
        const bool gap = t.zh.find(gap_marker) != std::string::npos;
        switch (t.zh_status) {
            case ZhStatus::missing:
                if (!t.zh.empty()) error(t.line, fmt::format("{}: zh_status is missing but zh text is given", where));
                break;
            case ZhStatus::partial:
                if (!gap) error(t.line, fmt::format("{}: partial text must mark its gap with {}", where, gap_marker));
                break;
            default:
                if (t.zh.empty()) error(t.line, fmt::format("{}: empty Chinese text (zh)", where));
                if (gap) error(t.line, fmt::format("{}: {} marks a gap, allowed only in partial text", where, gap_marker));
        }
        if (t.en.empty() && !t.no_english) error(t.line, fmt::format("{}: empty English text (en)", where));
        if (has_control_character(t.zh) || has_control_character(t.en))
            error(t.line, fmt::format("{}: control character in text", where));
    }

    void articles() {
        std::map<ArticleNumber, int> seen;
        const Article* previous = nullptr;
        for (const Article& a : in_.articles) {
            if (a.number.main == 0) continue;  // already reported as a bad number
            std::string name = fmt::format("article {}", a.number.str());
            if (auto it = seen.find(a.number); it != seen.end())
                error(a.line, fmt::format("duplicate {} (first at line {})", name, it->second));
            else if (previous && a.number < previous->number)
                error(a.line, fmt::format("{} is out of order: it follows article {}", name, previous->number.str()));
            seen.emplace(a.number, a.line);
            previous = &a;
            if (a.paragraphs.empty()) error(a.line, fmt::format("{} has no paragraphs", name));
            if (in_.numbering && !in_.numbering->has(a.number))
                error(a.line, fmt::format("{} is not in the instrument's numbering (last {}, and its 之N articles)", name,
                                          in_.numbering->last));
            for (std::size_t p = 0; p < a.paragraphs.size(); ++p) {
                const Paragraph& para = a.paragraphs[p];
                text(para.text, fmt::format("{} paragraph {}", name, p + 1));
                for (std::size_t i = 0; i < para.items.size(); ++i)
                    text(para.items[i].text, fmt::format("{} paragraph {} item {}", name, p + 1, i + 1));
            }
        }
    }

    void headings() {
        for (const Heading& h : in_.headings) {
            if (heading_rank(h.level) < 0)
                error(h.line, fmt::format("unknown heading level '{}' (part, chapter, section, division)", h.level));
            if (h.last < h.first)
                error(h.line, fmt::format("heading {}: range {}–{} is reversed", h.label, h.first.str(), h.last.str()));
            if (h.title.zh_status == ZhStatus::partial || has_control_character(h.title.zh))
                error(h.line, fmt::format("heading {}: a title is verbatim, unverified or missing", h.label));
        }
        for (const Heading& a : in_.headings)
            for (const Heading& b : in_.headings) overlap(a, b);
    }

    // Headings of the same rank must not overlap; a lower heading that overlaps a higher one lies inside it.
    void overlap(const Heading& outer, const Heading& inner) {
        if (&outer == &inner || inner.last < outer.first || outer.last < inner.first) return;
        const int ro = heading_rank(outer.level), ri = heading_rank(inner.level);
        if (ro == ri && &outer < &inner)
            error(inner.line, fmt::format("heading {} overlaps heading {} of the same level", inner.label, outer.label));
        if (ro < ri && (inner.first < outer.first || outer.last < inner.last))
            error(inner.line, fmt::format("heading {} ({}–{}) is not inside heading {} ({}–{})", inner.label,
                                          inner.first.str(), inner.last.str(), outer.label, outer.first.str(),
                                          outer.last.str()));
    }

    const Instrument& in_;
    Diagnostics& out_;
};

bool has_article(const Instrument& in, const std::string& number) {
    auto wanted = parse_article_number(number);
    return wanted && std::any_of(in.articles.begin(), in.articles.end(), [&](const Article& a) { return a.number == *wanted; });
}

// An article imported from a statute file (text without English): no one has mapped it to a newer version.
bool imported(const Article& a) {
    return std::all_of(a.paragraphs.begin(), a.paragraphs.end(), [](const Paragraph& p) { return p.text.no_english; });
}

// Successors name articles of a newer version, and are given for every article or for none (imported
// articles aside).
void validate_successors(const Instrument& in, const std::map<std::string, const Instrument*>& by_id, Diagnostics& out) {
    const bool any = std::any_of(in.articles.begin(), in.articles.end(), [](const Article& a) { return a.successors.has_value(); });
    if (!any) return;
    for (const Article& a : in.articles) {
        if (!a.successors) {
            if (!imported(a)) out.push_back({in.file, a.line, fmt::format("article {} has no 'successors' while other articles do", a.number.str())});
            continue;
        }
        for (const std::string& id : *a.successors) {
            const auto space = id.find(' ');
            const std::string instrument = id.substr(0, space);
            const auto it = by_id.find(instrument);
            const bool newer = std::find(in.superseded_by.begin(), in.superseded_by.end(), instrument) != in.superseded_by.end();
            if (space == std::string::npos || it == by_id.end() || !newer)
                out.push_back({in.file, a.line, fmt::format("article {}: successor '{}' is not an article id of a version in superseded_by", a.number.str(), id)});
            else if (!has_article(*it->second, id.substr(space + 1)))
                out.push_back({in.file, a.line, fmt::format("article {}: successor '{}' is not in the corpus", a.number.str(), id)});
        }
    }
}

}  // namespace

void validate(const Instrument& instrument, Diagnostics& out) { Checker(instrument, out).run(); }

void validate_links(const std::vector<Instrument>& corpus, Diagnostics& out) {
    std::map<std::string, const Instrument*> by_id;
    for (const Instrument& in : corpus) {
        auto [it, fresh] = by_id.emplace(in.id, &in);
        if (!fresh) out.push_back({in.file, in.line, fmt::format("duplicate instrument id '{}' (also in {})", in.id, it->second->file)});
    }
    auto check = [&](const Instrument& in, const std::vector<std::string>& links, const char* key, const char* back,
                     auto back_links) {
        for (const std::string& id : links) {
            auto it = by_id.find(id);
            if (it == by_id.end()) {
                out.push_back({in.file, in.links_line, fmt::format("{}: unknown instrument '{}'", key, id)});
                continue;
            }
            const auto& other = back_links(*it->second);
            if (std::find(other.begin(), other.end(), in.id) == other.end())
                out.push_back({in.file, in.links_line,
                               fmt::format("{} names '{}', but {} does not list '{}' in {}", key, id, id, in.id, back)});
        }
    };
    for (const Instrument& in : corpus) {
        check(in, in.supersedes, "supersedes", "superseded_by", [](const Instrument& o) -> auto& { return o.superseded_by; });
        check(in, in.superseded_by, "superseded_by", "supersedes", [](const Instrument& o) -> auto& { return o.supersedes; });
        validate_successors(in, by_id, out);
    }
}

}  // namespace lexq::kb
