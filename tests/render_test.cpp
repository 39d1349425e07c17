#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "render.hpp"

using lexq::shell::display_width;
using lexq::shell::Lang;
using lexq::shell::render;
using lexq::shell::render_error;
using lexq::shell::RenderSpec;

namespace {

const std::string missing_marker = "中文原文暂缺";
const std::string gap_marker = "原文暂缺";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        out.push_back(text.substr(start, end - start));
    if (start < text.size()) out.push_back(text.substr(start));
    return out;
}

std::string strip_ansi(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\x1b') {
            out += text[i];
            continue;
        }
        while (i < text.size() && text[i] != 'm') ++i;  // CSI ... m
    }
    return out;
}

// The terminal column after `text`, with tab stops every 8 columns.
std::size_t terminal_column(const std::string& text) {
    std::size_t column = 0, start = 0;
    for (std::size_t tab; (tab = text.find('\t', start)) != std::string::npos; start = tab + 1)
        column = (column + display_width(text.substr(start, tab - start))) / 8 * 8 + 8;
    return column + display_width(text.substr(start));
}

lexq::Error syntax_error(std::optional<std::size_t> offset) {
    lexq::Error e;
    e.kind = "syntax error";
    e.message = "expected 条 after the article number";
    e.offset = offset;
    return e;
}

// Checks that the caret line puts '^' in the terminal column of source[offset] on the source line.
void check_caret(const std::string& source, std::size_t offset, int line_number) {
    const std::string label = line_number > 0 ? "line " + std::to_string(line_number) + ": " : "  ";
    const auto lines = lines_of(render_error(syntax_error(offset), source, line_number, {}));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "error: syntax error: expected 条 after the article number");
    CHECK(lines[1] == label + source);
    const std::size_t caret = lines[2].find('^');
    REQUIRE(caret != std::string::npos);
    CHECK(lines[2].find_first_not_of(" \t") == caret);
    CHECK(caret + 1 == lines[2].size());
    CHECK(terminal_column(lines[2].substr(0, caret)) == terminal_column(label + source.substr(0, offset)));
}

lexq::Provision provision(std::string zh, std::string zh_status, std::string en) {
    lexq::Provision p;
    p.id = "OP2023D 13";
    p.citation_zh = "意见（征求意见稿）第十三条";
    p.instrument_id = "OP2023D";
    p.instrument_title = "关于依法惩治网络暴力违法犯罪的指导意见（征求意见稿）";
    p.instrument_short_title = "意见（征求意见稿）";
    p.article = "13";
    p.title_zh = "依法适用侮辱、诽谤刑事案件的公诉程序";
    p.text_zh = std::move(zh);
    p.zh_status = std::move(zh_status);
    p.text_en = std::move(en);
    p.status = "draft";
    p.source = "news reports";
    p.headings = {{"part", "三、", "畅通诉讼程序", "Procedures"}};
    return p;
}

lexq::Provision paragraph(int n, std::string zh, std::string zh_status, std::string en) {
    lexq::Provision p = provision(std::move(zh), std::move(zh_status), std::move(en));
    p.id += "(" + std::to_string(n) + ")";
    p.paragraph = n;
    return p;
}

lexq::Result shown(std::vector<lexq::Provision> provisions) {
    lexq::Result r;
    r.kind = lexq::Result::Kind::show;
    r.provisions = std::move(provisions);
    return r;
}

lexq::Result shown(lexq::Provision p) { return shown(std::vector<lexq::Provision>{std::move(p)}); }

// An article of two paragraphs: Chinese missing from the first, verbatim in the second.
lexq::Result two_paragraphs() {
    lexq::Provision a = provision("", "missing", "");
    a.parts = {paragraph(1, "", "missing", "Apply the public prosecution procedures."),
               paragraph(2, "前款罪，告诉的才处理。", "verbatim", "Handled only upon complaint.")};
    return shown(a);
}

void check_no_empty_line(const std::string& out) {
    for (const std::string& line : lines_of(out)) {
        CAPTURE(out);
        CHECK(line.find_first_not_of(' ') != std::string::npos);
    }
}

lexq::Snippet snippet(std::string lang, std::string text, std::string_view highlighted) {
    const std::size_t at = text.find(highlighted);
    return {std::move(lang), std::move(text), {{at, highlighted.size()}}};
}

lexq::Result searched() {
    lexq::Hit hit;
    hit.article = provision("", "verbatim", "");
    hit.article.id = "CL 246";
    hit.snippets = {snippet("zh", "捏造事实诽谤他人", "诽谤"), snippet("en", "fabricates facts to\ndefame another", "defame")};
    lexq::Result r;
    r.kind = lexq::Result::Kind::search;
    r.hits = {hit};
    r.total = 3;
    return r;
}

}  // namespace

TEST_CASE("display_width counts terminal columns") {
    const std::vector<std::pair<std::string, std::size_t>> table = {
        {"", 0},
        {"a", 1},
        {"show CL 246", 11},
        {"汉", 2},
        {"刑法第246条", 11},
        {"（", 2},
        {"（一）", 6},
        {"《》，。", 8},
        {"e\u0301", 1},  // combining acute accent
        {"\u0301", 0},
        {"a\u200bb", 2},  // zero-width space is a format character
    };
    for (const auto& [text, width] : table) {
        CAPTURE(text);
        CHECK(display_width(text) == width);
    }
}

TEST_CASE("render_error puts the caret under the offending character") {
    struct Case {
        std::string source;
        std::string prefix;  // the source before the offending character
    };
    const std::vector<Case> table = {
        {"shwo x", ""},
        {"show", "show"},
        {"show CL 246(", "show CL 246("},
        {"show 刑法第246", "show 刑法第246"},
        {"show 刑法第abc条", "show 刑法第"},
        {"show 刑法第1条第（一项", "show 刑法第1条第（一"},
        {"search 《诽谤》 OR", "search 《诽谤》 OR"},
        {"search 诽谤 x)", "search 诽谤 x"},
    };
    for (const Case& c : table)
        for (int line_number : {0, 1, 12}) {
            CAPTURE(c.source, line_number);
            check_caret(c.source, c.prefix.size(), line_number);
        }
}

TEST_CASE("render_error shows only the line that holds the error") {
    const std::string source = "show CL 246\nshow 刑法第246\nsearch x";
    const std::size_t offset = std::string("show CL 246\nshow 刑法第246").size();
    const auto lines = lines_of(render_error(syntax_error(offset), source, 2, {}));
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == "line 2: show 刑法第246");
    CHECK(lines[2] == std::string(display_width("line 2: show 刑法第246"), ' ') + "^");
}

TEST_CASE("render_error without a usable offset prints only the message") {
    const std::string source = "show 刑法第246";
    for (auto offset : {std::optional<std::size_t>{}, std::optional<std::size_t>{source.size() + 1}}) {
        const std::string out = render_error(syntax_error(offset), source, 3, {});
        CHECK(out == "error: syntax error: expected 条 after the article number\n");
    }
}

// A tab would move the terminal to the next tab stop; the echoed line shows it as one space so the caret holds.
TEST_CASE("render_error aligns the caret after a tab") {
    const std::string source = "show\t刑法第246";
    const auto lines = lines_of(render_error(syntax_error(source.size()), source, 0, {}));
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == "  show 刑法第246");
    CHECK(lines[2].find('^') == lexq::shell::display_width("  show 刑法第246"));
}

TEST_CASE("colour is escape codes only: none without it, same text with it") {
    const std::string source = "show 刑法第246";
    const auto error = syntax_error(source.size());
    const std::string plain_error = render_error(error, source, 2, {Lang::both, false});
    const std::string color_error = render_error(error, source, 2, {Lang::both, true});
    CHECK(plain_error.find('\x1b') == std::string::npos);
    CHECK(color_error.find("\x1b[") != std::string::npos);
    CHECK(strip_ansi(color_error) == plain_error);

    const std::string plain = render(two_paragraphs(), {Lang::both, false});
    const std::string color = render(two_paragraphs(), {Lang::both, true});
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(color.find("\x1b[") != std::string::npos);
    CHECK(strip_ansi(color) == plain);
}

TEST_CASE("missing Chinese text shows a marker, never an empty line") {
    for (Lang lang : {Lang::both, Lang::zh}) {
        const std::string whole = render(shown(provision("", "missing", "Apply the procedures.")), {lang, false});
        const std::string parts = render(two_paragraphs(), {lang, false});
        CHECK_THAT(whole, Catch::Contains(missing_marker));
        CHECK_THAT(parts, Catch::Contains("¶1 〔" + missing_marker));
        CHECK_THAT(parts, Catch::Contains("¶2 前款罪，告诉的才处理。"));
        check_no_empty_line(whole);
        check_no_empty_line(parts);
    }
}

TEST_CASE("gaps […] in partial text are shown by a visible marker") {
    const std::string out = render(shown(provision("依法严惩。[…]对于网络暴力[…]", "partial", "Punish.")), {Lang::zh, false});
    CHECK(out.find("[…]") == std::string::npos);
    const std::size_t first = out.find(gap_marker);
    REQUIRE(first != std::string::npos);
    CHECK(out.find(gap_marker, first + 1) != std::string::npos);  // both gaps
    CHECK_THAT(out, Catch::Contains("依法严惩。"));
    CHECK_THAT(out, Catch::Contains("对于网络暴力"));
    check_no_empty_line(out);
}

TEST_CASE("the language spec selects which texts are shown") {
    const std::string zh = "前款罪，告诉的才处理。", en = "Handled only upon complaint.";
    const auto result = two_paragraphs();
    const std::string both = render(result, {Lang::both, false});
    const std::string only_zh = render(result, {Lang::zh, false});
    const std::string only_en = render(result, {Lang::en, false});
    CHECK_THAT(both, Catch::Contains(zh) && Catch::Contains(en));
    CHECK_THAT(only_zh, Catch::Contains(zh) && Catch::Contains(missing_marker));
    CHECK(only_zh.find(en) == std::string::npos);
    CHECK(only_zh.find("[en") == std::string::npos);
    CHECK(only_zh.find("Apply the public prosecution") == std::string::npos);
    CHECK_THAT(only_en, Catch::Contains(en) && Catch::Contains("Apply the public prosecution"));
    CHECK(only_en.find(zh) == std::string::npos);
    CHECK(only_en.find(missing_marker) == std::string::npos);
}

TEST_CASE("show output: id and citation, then paragraphs in order") {
    const auto lines = lines_of(render(two_paragraphs(), {Lang::zh, false}));
    REQUIRE(lines.size() >= 5);
    CHECK(lines[0] == "OP2023D 13 意见（征求意见稿）第十三条 · 依法适用侮辱、诽谤刑事案件的公诉程序");
    CHECK(lines[1] == "关于依法惩治网络暴力违法犯罪的指导意见（征求意见稿） › 三、畅通诉讼程序");
    CHECK_THAT(lines[2], Catch::StartsWith("status: draft"));
    CHECK_THAT(lines[lines.size() - 2], Catch::StartsWith("  ¶1 "));
    CHECK_THAT(lines.back(), Catch::StartsWith("  ¶2 前款罪"));
}

TEST_CASE("search highlights are «marked» without colour and coloured with it") {
    const std::string plain = render(searched(), {Lang::both, false});
    CHECK_THAT(plain, Catch::Contains("3 articles match (showing 1)"));
    CHECK_THAT(plain, Catch::Contains("捏造事实«诽谤»他人"));
    CHECK_THAT(plain, Catch::Contains("fabricates facts to «defame» another"));  // newline flattened
    const std::string color = render(searched(), {Lang::both, true});
    CHECK(color.find("«") == std::string::npos);
    CHECK_THAT(color, Catch::Contains("\x1b["));
    CHECK_THAT(strip_ansi(color), Catch::Contains("捏造事实诽谤他人"));
}

TEST_CASE("search snippets follow the language spec") {
    const std::string zh = render(searched(), {Lang::zh, false});
    const std::string en = render(searched(), {Lang::en, false});
    CHECK_THAT(zh, Catch::Contains("«诽谤»"));
    CHECK(zh.find("defame") == std::string::npos);
    CHECK_THAT(en, Catch::Contains("«defame»"));
    CHECK(en.find("捏造") == std::string::npos);
}

// ---- .mode table|box|markdown and wrapping ------------------------------------------------------------

#include "table.hpp"

namespace {

lexq::Result two_hits() {
    lexq::Result r;
    r.kind = lexq::Result::Kind::search;
    r.total = 2;
    for (auto [id, citation, zh] : {std::tuple{"CL 246", "刑法第二百四十六条", "捏造事实诽谤他人"},
                                    std::tuple{"JI2013DEF 2", "网络诽谤解释第二条", "利用信息网络诽谤他人"}}) {
        lexq::Hit h;
        h.article.id = id;
        h.article.citation_zh = citation;
        h.article.status = "in_force";
        h.snippets.push_back({"zh", zh, {}});
        r.hits.push_back(h);
    }
    return r;
}

std::vector<std::string> rows_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) out.push_back(text.substr(start, end - start));
    return out;
}

}  // namespace

TEST_CASE("table modes align columns by display width, Chinese included") {
    using lexq::shell::Mode;
    for (Mode mode : {Mode::table, Mode::box, Mode::markdown}) {
        RenderSpec spec{Lang::zh, false, mode, 0};
        const auto lines = rows_of(render(two_hits(), spec));
        REQUIRE(lines.size() >= 4);
        const std::size_t width = display_width(lines.front());
        for (const auto& line : lines) {
            INFO(line);
            CHECK(display_width(line) == width);  // every row as wide as the first: columns line up
        }
        const std::string all = render(two_hits(), spec);
        CHECK(all.find("刑法第二百四十六条") != std::string::npos);
        CHECK(all.find("网络诽谤解释第二条") != std::string::npos);
    }
    CHECK(rows_of(render(two_hits(), RenderSpec{Lang::zh, false, lexq::shell::Mode::markdown, 0}))[1].find("|---") == 0);
    CHECK(render(two_hits(), RenderSpec{Lang::zh, false, lexq::shell::Mode::box, 0}).find("┌") == 0);
}

TEST_CASE("tables and text wrap to the width they are given") {
    using lexq::shell::Mode;
    for (std::size_t width : {40u, 60u}) {
        const auto lines = rows_of(render(two_hits(), RenderSpec{Lang::zh, false, Mode::box, width}));
        for (const auto& line : lines) {
            INFO(line);
            CHECK(display_width(line) <= width);
        }
    }
    const std::string long_line = "  " + std::string(30, 'a') + " " + std::string(30, 'b') + " 诽谤诽谤诽谤诽谤诽谤诽谤诽谤诽谤";
    const auto wrapped = rows_of(lexq::shell::wrap_lines(long_line + "\n", 30));
    REQUIRE(wrapped.size() > 1);
    for (const auto& line : wrapped) CHECK(display_width(line) <= 30);
    CHECK(wrapped[1].rfind("    ", 0) == 0);  // continuation lines keep the indentation, and two more
}

TEST_CASE("golden: a search in box mode") {
    const std::string expected =
        "┌───┬─────────────┬────────────────────┬──────────┬──────────────────────┐\n"
        "│ # │ id          │ citation           │ status   │ 中文                 │\n"
        "├───┼─────────────┼────────────────────┼──────────┼──────────────────────┤\n"
        "│ 1 │ CL 246      │ 刑法第二百四十六条 │ in_force │ 捏造事实诽谤他人     │\n"
        "│ 2 │ JI2013DEF 2 │ 网络诽谤解释第二条 │ in_force │ 利用信息网络诽谤他人 │\n"
        "└───┴─────────────┴────────────────────┴──────────┴──────────────────────┘\n";
    CHECK(render(two_hits(), RenderSpec{Lang::zh, false, lexq::shell::Mode::box, 0}) == expected);
}

TEST_CASE("golden: a search in markdown mode, wrapped to 50 columns") {
    const std::string expected =
        "| # | id       | citation | status   | 中文      |\n"
        "|---|----------|----------|----------|-----------|\n"
        "| 1 | CL 246   | 刑法第二 | in_force | 捏造事实  |\n"
        "|   |          | 百四十六 |          | 诽谤他人  |\n"
        "|   |          | 条       |          |           |\n"
        "| 2 | JI2013DE | 网络诽谤 | in_force | 利用信息  |\n"
        "|   | F 2      | 解释第二 |          | 网络诽谤  |\n"
        "|   |          | 条       |          | 他人      |\n";
    CHECK(render(two_hits(), RenderSpec{Lang::zh, false, lexq::shell::Mode::markdown, 50}) == expected);
}

TEST_CASE("imported text without English says so in English and is silent in both languages") {
    lexq::Provision p = provision("违反交通运输管理法规。", "unverified", "");
    p.headings = {{"chapter", "第二章", "危害公共安全罪", ""}};
    const std::string en = render(shown(p), {Lang::en, false});
    CHECK_THAT(en, Catch::Contains("[no English translation]"));
    CHECK_THAT(en, Catch::Contains("› 第二章 危害公共安全罪"));  // the Chinese heading stands in for the English
    const std::string both = render(shown(p), {Lang::both, false});
    CHECK_THAT(both, !Catch::Contains("[en"));
    CHECK_THAT(both, !Catch::Contains("[no English"));
    CHECK_THAT(both, Catch::Contains("〔unverified wording〕"));
}
