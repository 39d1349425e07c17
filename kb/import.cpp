#include "import.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <memory>
#include <regex>
#include <thread>

#include <fmt/format.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "markdown.hpp"
#include "reader.hpp"
#include "validate.hpp"

namespace lexq::kb {
namespace {

// The front matter names the adoption first, then each amendment ("2020年1月1日…通过　根据2021年…修正"); a date
// followed by 施行 is the effective date.
Dates dates_of(const std::vector<std::string>& front_matter) {
    static const std::regex date(R"((\d{4})年(\d{1,2})月(\d{1,2})日)");
    Dates dates;
    for (const auto& line : front_matter) {
        std::vector<std::smatch> found;
        for (std::sregex_iterator m(line.begin(), line.end(), date), end; m != end; ++m) found.push_back(*m);
        for (std::size_t i = 0; i < found.size(); ++i) {
            const auto& m = found[i];
            auto iso = fmt::format("{}-{:02}-{:02}", m[1].str(), std::stoi(m[2].str()), std::stoi(m[3].str()));
            const auto after = line.substr(m.position(0) + m.length(0),
                                           i + 1 < found.size() ? found[i + 1].position(0) - m.position(0) - m.length(0) : std::string::npos);
            if (after.find("施行") != std::string::npos && after.find("通过") == std::string::npos)
                dates.effective = iso;
            else if (dates.adopted.empty())
                dates.adopted = iso;
            else
                dates.amended.push_back(iso);
        }
    }
    return dates;
}

// Collections separate "第一章" from its title with spaces of several widths.
constexpr std::string_view spaces[] = {" ", "　", "\u2002", "\u00a0"};

std::size_t label_end(const std::string& text) {
    std::size_t end = text.size();
    for (auto space : spaces) end = std::min(end, text.find(space));
    return end;
}

std::string without_leading_space(std::string s) {
    for (bool again = true; again;) {
        again = false;
        for (auto space : spaces)
            if (s.starts_with(space)) s.erase(0, space.size()), again = true;
    }
    return s;
}

const char* level_of(const std::string& label) {
    if (label.ends_with("编")) return "part";
    if (label.ends_with("章")) return "chapter";
    if (label.ends_with("节")) return "section";
    return nullptr;
}

// A heading covers the articles up to the next heading of the same or a higher level. An unnumbered heading
// (附则) takes the level of numbered headings written with as many '#'s.
std::vector<Heading> headings_of(const MarkdownStatute& statute, const std::string& file, Diagnostics& out) {
    std::vector<Heading> headings;
    std::vector<std::size_t> ends;
    std::map<int, const char*> level_at_depth;
    for (const auto& h : statute.headings) {
        const auto space = label_end(h.text);
        const char* level = level_of(h.text.substr(0, space));
        if (level) level_at_depth[h.depth] = level;
        const bool numbered = level != nullptr;
        if (!level && level_at_depth.count(h.depth)) level = level_at_depth[h.depth];
        if (!level && h.depth == 1) level = "part";  // "# 总则" under "# 中华人民共和国民法典": a book of the code
        if (!level) {
            out.push_back({file, h.line, fmt::format("heading '{}' is not a 编, 章 or 节, and no numbered heading has its level", h.text)});
            continue;
        }
        const std::string label = numbered ? h.text.substr(0, space) : h.text;
        if (h.first_article >= statute.articles.size()) {
            out.push_back({file, h.line, fmt::format("heading '{}' has no articles after it", h.text)});
            continue;
        }
        Heading heading;
        heading.level = level;
        heading.label = label;
        heading.title.zh = !numbered || space == h.text.size() ? "" : without_leading_space(h.text.substr(space));
        heading.first = statute.articles[h.first_article].number;
        heading.line = h.line;
        headings.push_back(heading);
        ends.push_back(h.first_article);
    }
    for (std::size_t i = 0; i < headings.size(); ++i) {
        std::size_t end = statute.articles.size();
        for (std::size_t j = i + 1; j < headings.size(); ++j)
            if (heading_rank(headings[j].level) <= heading_rank(headings[i].level)) {
                end = ends[j];
                break;
            }
        if (end == ends[i]) {  // the next heading of its level or above follows at once
            out.push_back({file, headings[i].line, fmt::format("heading '{}' has no articles before the next heading", headings[i].label)});
            end = ends[i] + 1;
        }
        headings[i].last = statute.articles[end - 1].number;
    }
    return headings;
}

// The text is the file's: unverified until someone checks it against an official publication.
Article article_of(const MarkdownArticle& a, const std::string& source) {
    Article article;
    article.number = a.number;
    article.line = a.line;
    for (const auto& p : a.paragraphs) {
        Paragraph paragraph;
        paragraph.text = {p.text, "", ZhStatus::unverified, source, "", a.line, true};
        for (const auto& item : p.items) paragraph.items.push_back({{item, "", ZhStatus::unverified, source, "", a.line, true}});
        article.paragraphs.push_back(std::move(paragraph));
    }
    return article;
}

std::vector<std::string> all_dates(const Dates& d) {
    std::vector<std::string> out{d.adopted, d.promulgated, d.effective};
    out.insert(out.end(), d.amended.begin(), d.amended.end());
    std::erase(out, "");
    return out;
}

std::string latest_date(const Dates& d) {
    std::vector<std::string> dates = all_dates(d);
    std::erase(dates, d.effective);
    return dates.empty() ? "" : *std::ranges::max_element(dates);
}

// 网络安全法 → WLAQF, through ICU's Han-Latin transliteration.
std::string pinyin_initials(const std::string& chinese) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) return "";
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(chinese);
    t->transliterate(text);
    std::string latin;
    text.toUTF8String(latin);
    std::string initials;
    bool start = true;
    for (char c : latin) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        if ((letter || digit) && start) initials += static_cast<char>(letter ? (c & ~0x20) : c);
        start = !letter && !digit;
    }
    return initials;
}

}  // namespace

std::variant<IdChoice, std::string> choose_id(const Instrument& in, const std::vector<Instrument>& corpus) {
    std::vector<const Instrument*> same_title;
    for (const Instrument& c : corpus)
        if (c.title_zh == in.title_zh) same_title.push_back(&c);
    if (same_title.size() > 1) {
        const std::string latest = latest_date(in.dates);
        std::erase_if(same_title, [&](const Instrument* c) { return latest_date(c->dates) != latest; });
        if (same_title.size() != 1)
            return fmt::format("several instruments have the title {} and the file's dates do not tell which: give --id", in.title_zh);
        return IdChoice{same_title.front()->id, fmt::format("the version of {} dated {}", in.title_zh, latest)};
    }
    if (same_title.size() == 1) return IdChoice{same_title.front()->id, "the instrument with this title"};
    const std::string initials = pinyin_initials(in.short_title_zh);
    if (initials.empty() || !(initials[0] >= 'A' && initials[0] <= 'Z'))
        return fmt::format("cannot make an id from the title {}: give --id", in.title_zh);
    const auto taken = [&](const std::string& x) { return std::ranges::find(corpus, x, &Instrument::id) != corpus.end(); };
    std::string id = initials;
    if (taken(id)) id += in.dates.adopted.substr(0, 4);
    for (int n = 2; taken(id); ++n) id = initials + std::to_string(n);
    return IdChoice{id, fmt::format("the pinyin initials of {}", in.short_title_zh)};
}

Instrument import_markdown_statute(std::string_view text, const std::string& file, const ImportOptions& options,
                                   Diagnostics& out) {
    const auto statute = parse_markdown_statute(text);
    validate_markdown_statute(statute, file, out);
    Instrument in;
    in.id = options.id;
    in.title_zh = statute.title;
    in.short_title_zh = options.short_title_zh;
    const std::string prc = "中华人民共和国";
    if (in.short_title_zh.empty()) in.short_title_zh = statute.title.starts_with(prc) ? statute.title.substr(prc.size()) : statute.title;
    in.title_en = options.title_en;
    in.kind = options.kind;
    in.issuers = options.issuers;
    in.status = "in_force";
    in.dates = dates_of(statute.front_matter);
    in.source.zh = fmt::format("imported from {}; its wording is the file's and is not checked against an official text", file);
    in.headings = headings_of(statute, file, out);
    for (const auto& a : statute.articles) in.articles.push_back(article_of(a, in.source.zh));
    in.file = file;
    return in;
}

std::optional<Instrument> read_markdown_statute(const std::string& path, const ImportOptions& options, Diagnostics& out) {
    const auto text = read_file(path);
    if (!text) {
        out.push_back({path, 0, "cannot read the file"});
        return std::nullopt;
    }
    if (int line = first_invalid_utf8_line(*text)) {
        out.push_back({path, line, "invalid UTF-8"});
        return std::nullopt;
    }
    return import_markdown_statute(*text, path, options, out);
}

void merge_import(std::vector<Instrument>& corpus, Instrument in) {
    const auto same = std::ranges::find(corpus, in.id, &Instrument::id);
    if (same == corpus.end() || in.id.empty()) {
        corpus.push_back(std::move(in));
        return;
    }
    for (auto& article : in.articles)
        if (std::ranges::find(same->articles, article.number, &Article::number) == same->articles.end())
            same->articles.push_back(std::move(article));
    for (auto& heading : in.headings) {
        const bool known = std::ranges::any_of(same->headings, [&](const Heading& h) {
            return (h.label == heading.label && h.title.zh == heading.title.zh) ||
                   (h.level == heading.level && h.first == heading.first && h.last == heading.last);
        });
        if (!known) same->headings.push_back(std::move(heading));
    }
    std::ranges::sort(same->articles, {}, &Article::number);
    same->source.zh += "; articles not in the corpus " + in.source.zh;
}

namespace {

std::string dates_note(const Dates& d) {
    std::string out;
    if (!d.adopted.empty()) out += ", adopted " + d.adopted;
    for (std::size_t i = 0; i < d.amended.size(); ++i) out += (i ? ", " : ", amended ") + d.amended[i];
    if (!d.effective.empty()) out += ", effective " + d.effective;
    return out;
}

// A file read and parsed, with its problems, or the exception that stopped it.
struct ReadFile {
    std::optional<Instrument> instrument;
    Diagnostics problems;
    std::exception_ptr failure;
};

// Every file read and parsed on as many threads as the machine has, since the files do not depend on one
// another; the results and their problems keep the files' order. Progress is reported on this thread only.
std::vector<ReadFile> read_all(const std::vector<ImportRequest>& requests, const std::function<void(std::size_t)>& on_file) {
    std::vector<ReadFile> read(requests.size());
    std::atomic<std::size_t> next{0}, done{0};
    auto work = [&](bool reports) {
        for (std::size_t i; (i = next++) < requests.size();) {
            try {
                read[i].instrument = read_markdown_statute(requests[i].path, requests[i].options, read[i].problems);
            } catch (...) {
                read[i].failure = std::current_exception();
            }
            const std::size_t finished = ++done;
            if (reports && on_file) on_file(finished);
        }
    };
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), requests.size()); ++t)
        helpers.emplace_back(work, false);
    work(true);
    for (auto& h : helpers) h.join();
    if (on_file && !requests.empty()) on_file(requests.size());
    return read;
}

// The older version gives way to the statute that replaces it.
void supersede(std::vector<Instrument>& corpus, Instrument& in, const std::string& older, std::string& note) {
    in.supersedes.push_back(older);
    const auto old = std::ranges::find(corpus, older, &Instrument::id);
    if (old == corpus.end()) return;  // validate_links names it
    old->superseded_by.push_back(in.id);
    if (old->status != "in_force") return;
    old->status = "superseded";
    note += fmt::format("; {} is now superseded", older);
}

}  // namespace

std::vector<std::string> import_statutes(std::vector<Instrument>& corpus, const std::vector<ImportRequest>& requests,
                                         Diagnostics& out, const std::function<void(std::size_t)>& on_file) {
    std::vector<std::string> ids, notes;
    std::map<std::string, std::size_t> articles_before;
    std::map<std::string, std::string> how, files;
    auto read = read_all(requests, on_file);
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const ImportRequest& r = requests[i];
        if (read[i].failure) std::rethrow_exception(read[i].failure);
        out.insert(out.end(), read[i].problems.begin(), read[i].problems.end());
        auto& in = read[i].instrument;
        if (!in) continue;
        if (in->id.empty()) {
            auto choice = choose_id(*in, corpus);
            if (auto* problem = std::get_if<std::string>(&choice)) {
                out.push_back({r.path, 1, *problem});
                continue;
            }
            in->id = std::get<IdChoice>(choice).id;
            how.emplace(in->id, std::get<IdChoice>(choice).reason + "; --id chooses another");
        }
        how.emplace(in->id, "given");
        const auto existing = std::ranges::find(corpus, in->id, &Instrument::id);
        articles_before.emplace(in->id, existing == corpus.end() ? 0 : existing->articles.size());
        files[in->id] += (files[in->id].empty() ? "" : ", ") + r.path;
        if (std::ranges::find(ids, in->id) == ids.end()) ids.push_back(in->id);
        std::string superseded;
        if (!r.options.supersedes.empty()) supersede(corpus, *in, r.options.supersedes, superseded);
        how[in->id] += superseded;
        merge_import(corpus, std::move(*in));
    }
    for (const std::string& id : ids) {
        const Instrument& in = *std::ranges::find(corpus, id, &Instrument::id);
        validate(in, out);
        const std::size_t before = articles_before[id];
        notes.push_back(fmt::format("import {} ({}): {} ({}), {}, {} articles{}{}; from {}", id, how[id], in.title_zh,
                                    in.short_title_zh, in.kind, in.articles.size(),
                                    before ? fmt::format(" ({} new)", in.articles.size() - before) : ", a new instrument",
                                    dates_note(in.dates), files[id]));
    }
    if (!ids.empty()) validate_links(corpus, out);
    return notes;
}

}  // namespace lexq::kb
