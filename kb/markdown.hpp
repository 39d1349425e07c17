// Statutes in the Markdown layout of Chinese law collections: a "# title", front matter, "##" headings for
// 编/章/节, articles starting "第…条", one paragraph a line, items starting "（一）".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace lexq::kb {

struct MarkdownParagraph {
    std::string text;
    std::vector<std::string> items;
};

struct MarkdownArticle {
    ArticleNumber number;
    std::vector<MarkdownParagraph> paragraphs;
    int line = 0;
};

struct MarkdownHeading {
    std::string text;  // "第一章 总则", without its '#'s
    int depth = 0;     // the number of '#'s; 0 for a heading written as a plain line
    int line = 0;
    std::size_t first_article = 0;  // index of the first article after it
};

struct MarkdownStatute {
    std::string title;                      // the first "# " heading
    std::vector<std::string> front_matter;  // promulgation and amendment lines before "<!-- INFO END -->"
    std::vector<MarkdownHeading> headings;  // every other heading line
    std::vector<std::string> preamble;  // lines between the front matter and the first article
    std::vector<MarkdownArticle> articles;
    std::vector<std::string> notes;    // editors' footnotes (①…), not statute text
    std::vector<std::string> annexes;  // "附件一" …: lists after the articles, not read as statute text
};

MarkdownStatute parse_markdown_statute(std::string_view text);

// What an import must refuse, each as file:line: no title, no articles, an empty article, and article numbers
// out of sequence (after 第N条 come 第N+1条 or 第N条之一; after 第N条之K, 第N条之K+1 or 第N+1条). The first article
// may have any number: a book of a code starts where the book starts.
void validate_markdown_statute(const MarkdownStatute& statute, const std::string& file, Diagnostics& out);

}  // namespace lexq::kb
