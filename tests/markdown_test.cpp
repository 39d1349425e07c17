// Statutes in the Markdown layout of law collections: how they are read and what is refused, on small fixtures.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "import.hpp"
#include "markdown.hpp"

using namespace lexq::kb;

namespace {

MarkdownStatute read_fixture(const std::string& name) {
    std::ifstream in(std::string(LEXQ_FIXTURES) + "/import/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return parse_markdown_statute(text.str());
}

std::vector<std::string> problems_of(const std::string& name) {
    Diagnostics problems;
    validate_markdown_statute(read_fixture(name), name, problems);
    std::vector<std::string> lines;
    for (const auto& p : problems) lines.push_back(p.str());
    return lines;
}

}  // namespace

TEST_CASE("a statute in Markdown is read into title, headings, articles, paragraphs and items") {
    const auto statute = read_fixture("good.md");
    CHECK(statute.title == "测试示例法");
    REQUIRE(statute.headings.size() == 2);
    CHECK(statute.headings[1].text == "第二章 附则");
    CHECK(statute.headings[1].line == 23);
    CHECK(statute.headings[1].first_article == 3);
    CHECK(statute.front_matter == std::vector<std::string>{"2020年1月1日 测试机关通过", "2024年6月1日 测试机关修正"});
    REQUIRE(statute.articles.size() == 4);
    CHECK(statute.articles[2].number == ArticleNumber{2, 1});
    CHECK(statute.articles[2].line == 15);
    REQUIRE(statute.articles[2].paragraphs.size() == 2);
    CHECK(statute.articles[2].paragraphs[0].text == "下列行为属于测试：");
    CHECK(statute.articles[2].paragraphs[0].items == std::vector<std::string>{"（一）导入文件；", "（二）检查条文。"});
    CHECK(statute.articles[2].paragraphs[1].text == "前款规定的行为，依照本法第一条处理。");
    REQUIRE(statute.articles[3].paragraphs.size() == 1);
    CHECK(statute.articles[3].paragraphs[0].text == "本法自公布之日起施行。");  // text on the line after 第三条
    CHECK(problems_of("good.md").empty());
}

TEST_CASE("articles out of sequence are refused with file, line and the numbers expected") {
    CHECK(problems_of("out_of_sequence.md") ==
          std::vector<std::string>{"out_of_sequence.md:7: 第四条 is out of sequence after 第二条: expected 第三条 or 第二条之一",
                                   "out_of_sequence.md:9: 第四条之二 is out of sequence after 第四条: expected 第五条 or 第四条之一"});
}

TEST_CASE("an empty article, a file without articles and one without a title are refused") {
    CHECK(problems_of("empty_article.md") == std::vector<std::string>{"empty_article.md:5: 第二条 is empty"});
    CHECK(problems_of("no_articles.md") == std::vector<std::string>{"no_articles.md:1: no articles: no line starts 第…条"});
    Diagnostics problems;
    validate_markdown_statute(parse_markdown_statute(""), "empty.md", problems);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].str() == "empty.md:1: no title: the file must start with '# ' and the statute's title");
}

TEST_CASE("an import file that is not UTF-8 is refused with its line") {
    const std::string path = std::string(LEXQ_FIXTURES) + "/import/not_utf8.md";
    ImportOptions options;
    options.id = "T";
    Diagnostics problems;
    CHECK_FALSE(read_markdown_statute(path, options, problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].str() == path + ":3: invalid UTF-8");
}

// Found by fuzz/import.cpp: a line of only '#'s threw std::out_of_range while the heading's text was cut out.
TEST_CASE("a line of only '#'s is an empty heading, skipped") {
    MarkdownStatute statute;
    REQUIRE_NOTHROW(statute = parse_markdown_statute("###\n# 测试法\n\n## \n第一条　文字。\n#\n第二条　文字。\n"));
    CHECK(statute.title == "测试法");
    CHECK(statute.headings.empty());
    REQUIRE(statute.articles.size() == 2);
    CHECK(statute.articles[1].line == 7);
    Diagnostics problems;
    validate_markdown_statute(statute, "t.md", problems);
    CHECK(problems.empty());
}

// Found by fuzz/import.cpp: a heading followed at once by another of its level read the article before the
// first (undefined behaviour) for its last article.
TEST_CASE("a heading with no articles before the next heading of its level is refused") {
    Diagnostics problems;
    ImportOptions options;
    options.id = "T";
    import_markdown_statute("# 测试法\n\n## 第一章 总则\n\n## 第二章 附则\n\n第一条　文字。\n", "t.md", options, problems);
    std::vector<std::string> lines;
    for (const auto& p : problems) lines.push_back(p.str());
    CHECK(lines == std::vector<std::string>{"t.md:3: heading '第一章' has no articles before the next heading"});
}
