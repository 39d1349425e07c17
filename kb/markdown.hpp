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

struct MarkdownStatute {
    std::string title;                  // the first "# " heading
    std::vector<std::string> headings;  // every other heading line, without its '#'s
    std::vector<std::string> preamble;  // lines between the front matter and the first article
    std::vector<MarkdownArticle> articles;
};

MarkdownStatute parse_markdown_statute(std::string_view text);

// What an import must refuse, each as file:line: no title, no articles, an empty article, and article numbers
// out of sequence (after 第N条 come 第N+1条 or 第N条之一; after 第N条之K, 第N条之K+1 or 第N+1条). The first article
// may have any number: a book of a code starts where the book starts.
void validate_markdown_statute(const MarkdownStatute& statute, const std::string& file, Diagnostics& out);

}  // namespace lexq::kb
