#include "markdown.hpp"

#include <optional>

#include <fmt/format.h>

#include "numerals.hpp"

namespace lexq::kb {
namespace {

constexpr std::string_view info_end = "<!-- INFO END -->";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string_view trim(std::string_view s) {
    const std::string_view space[] = {" ", "\t", "\r", "　", "\u2002", "\u00a0"};
    for (bool changed = true; changed;) {
        changed = false;
        for (auto sp : space) {
            if (starts_with(s, sp)) s.remove_prefix(sp.size()), changed = true;
            if (s.size() >= sp.size() && s.substr(s.size() - sp.size()) == sp) s.remove_suffix(sp.size()), changed = true;
        }
    }
    return s;
}

// "第二百五十三条之一 …" → {253, 1} and the text after the number; nullopt for other lines.
std::optional<std::pair<ArticleNumber, std::string_view>> article_start(std::string_view line) {
    if (!starts_with(line, "第")) return std::nullopt;
    const auto tiao = line.find("条");
    if (tiao == std::string_view::npos) return std::nullopt;
    auto main = parse_number(line.substr(3, tiao - 3));
    if (!main) return std::nullopt;
    ArticleNumber number{*main, 0};
    std::string_view rest = line.substr(tiao + 3);
    if (starts_with(rest, "之")) {
        const auto end = rest.find_first_of(" \t");
        const auto full_space = rest.find("　");
        const auto stop = std::min(end, full_space);
        auto sub = parse_number(rest.substr(3, stop == std::string_view::npos ? std::string_view::npos : stop - 3));
        if (!sub) return std::nullopt;
        number.sub = *sub;
        rest = stop == std::string_view::npos ? std::string_view() : rest.substr(stop);
    }
    const std::string_view text = trim(rest);
    if (text.size() == rest.size() && !rest.empty()) return std::nullopt;  // "第三条规定的…" is prose, not a heading
    return std::pair{number, text};
}

// "第二章　处罚的种类和适用": a heading written as a plain line (collections without '#' headings).
bool is_plain_heading(std::string_view line) {
    if (!starts_with(line, "第")) return false;
    for (std::string_view unit : {"编", "章", "节"}) {
        const auto at = line.find(unit);
        if (at != std::string_view::npos && at > 3 && parse_number(line.substr(3, at - 3))) {
            const std::string_view rest = line.substr(at + unit.size());
            return rest.empty() || starts_with(rest, " ") || starts_with(rest, "　");
        }
    }
    return false;
}

bool is_table_of_contents(std::string_view line) { return line == "目录" || line == "目　录" || line == "目　　录"; }

// "1.在网站上…" under an item: a numbered sub-item, kept in the item's text on a line of its own.
bool is_sub_item(std::string_view line) {
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    return digits > 0 && (line.substr(digits, 1) == "." || line.substr(digits, 3) == "．");
}

bool is_annex(std::string_view heading) { return starts_with(heading, "附件") || starts_with(heading, "附录"); }

// Collections print editors' footnotes as "① …" lines between the articles.
bool is_footnote(std::string_view line) {
    for (std::string_view mark : {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"})
        if (starts_with(line, mark)) return true;
    return false;
}

bool is_item(std::string_view line) { return starts_with(line, "（") && line.find("）") != std::string_view::npos && line.find("）") <= 3 * 6; }

}  // namespace

MarkdownStatute parse_markdown_statute(std::string_view text) {
    MarkdownStatute statute;
    const bool has_front_matter = text.find(info_end) != std::string_view::npos;
    bool in_body = !has_front_matter;
    int number = 0;
    for (std::size_t start = 0; start <= text.size(); ++number) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view line = trim(text.substr(start, end - start));
        start = end + 1;
        const bool before_body = statute.headings.empty() && statute.articles.empty();
        if (starts_with(line, ">") && before_body) statute.front_matter.emplace_back(trim(line.substr(1)));  // > （…通过　根据…修正）
        if (line.empty() || starts_with(line, ">") || is_table_of_contents(line)) continue;
        if (statute.title.empty() && !starts_with(line, "#")) {  // a collection that writes the title plainly
            statute.title = line;
            continue;
        }
        if (is_plain_heading(line)) {
            statute.headings.push_back({std::string(line), 0, number + 1, statute.articles.size()});
            continue;
        }
        if (starts_with(line, "#")) {
            const auto marks = line.find_first_not_of('#');
            if (marks == std::string_view::npos) continue;  // "###" alone: an empty heading, nothing to keep
            const std::string_view heading = trim(line.substr(marks));
            if (statute.title.empty())
                statute.title = heading;
            else if (is_annex(heading))
                statute.annexes.emplace_back(heading);
            else
                statute.headings.push_back({std::string(heading), int(marks), number + 1, statute.articles.size()});
            continue;
        }
        if (line == info_end) {
            in_body = true;
            continue;
        }
        if (!in_body && !starts_with(line, "<!--")) statute.front_matter.emplace_back(line);
        if (!in_body || starts_with(line, "<!--")) continue;
        if (!statute.annexes.empty()) continue;
        if (is_footnote(line)) {
            statute.notes.emplace_back(line);
            continue;
        }
        if (auto article = article_start(line)) {
            statute.articles.push_back({article->first, {{std::string(article->second), {}}}, number + 1});
        } else if (statute.articles.empty()) {
            statute.preamble.emplace_back(line);
        } else if (is_item(line) && !statute.articles.back().paragraphs.empty()) {
            statute.articles.back().paragraphs.back().items.emplace_back(line);
        } else if (is_sub_item(line) && !statute.articles.back().paragraphs.back().items.empty()) {
            statute.articles.back().paragraphs.back().items.back() += "\n" + std::string(line);
        } else if (auto& paragraphs = statute.articles.back().paragraphs; paragraphs.size() == 1 && paragraphs[0].text.empty()) {
            paragraphs[0].text = line;  // "第一条" alone on its line, its text on the next
        } else {
            statute.articles.back().paragraphs.push_back({std::string(line), {}});
        }
    }
    return statute;
}

namespace {

std::string article_label(ArticleNumber n) { return chinese_article(n.str()); }

bool follows(ArticleNumber previous, ArticleNumber next) {
    return next == ArticleNumber{previous.main + 1, 0} || next == ArticleNumber{previous.main, previous.sub + 1};
}

bool is_empty(const MarkdownArticle& article) {
    for (const auto& paragraph : article.paragraphs)
        if (!paragraph.text.empty() || !paragraph.items.empty()) return false;
    return true;
}

}  // namespace

void validate_markdown_statute(const MarkdownStatute& statute, const std::string& file, Diagnostics& out) {
    if (statute.title.empty()) out.push_back({file, 1, "no title: the file must start with '# ' and the statute's title"});
    if (statute.articles.empty()) out.push_back({file, 1, "no articles: no line starts 第…条"});
    for (std::size_t i = 0; i < statute.articles.size(); ++i) {
        const auto& article = statute.articles[i];
        if (is_empty(article)) out.push_back({file, article.line, fmt::format("{} is empty", article_label(article.number))});
        if (i == 0) continue;  // a book of a code (民法典第四编) starts where the book starts
        const ArticleNumber previous = statute.articles[i - 1].number;
        if (!follows(previous, article.number))
            out.push_back({file, article.line, fmt::format("{} is out of sequence after {}: expected {} or {}", article_label(article.number),
                                                           article_label(previous), article_label({previous.main + 1, 0}),
                                                           article_label({previous.main, previous.sub + 1}))});
    }
}

}  // namespace lexq::kb
