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

}  // namespace lexq::kb
