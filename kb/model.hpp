// The corpus as read from kb/corpus/*.toml: one Instrument per file.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lexq::kb {

// Where a piece of Chinese text stands against the official wording.
enum class ZhStatus { verbatim, unverified, partial, missing };

const char* to_string(ZhStatus status);
std::optional<ZhStatus> zh_status_from(const std::string& name);

// Marks a gap inside partial text.
inline constexpr const char* gap_marker = "[…]";

struct Text {
    std::string zh;
    std::string en;
    ZhStatus zh_status = ZhStatus::verbatim;
    std::string source;  // empty: the instrument's source
    std::string note;
    int line = 0;
    bool no_english = false;  // imported text: lexq has no translation yet
};

// 第253条之一 is {253, 1}; ordinary articles have sub == 0.
struct ArticleNumber {
    int main = 0;
    int sub = 0;
    auto operator<=>(const ArticleNumber&) const = default;
    std::string str() const;  // "253-1"
};

std::optional<ArticleNumber> parse_article_number(const std::string& text);

struct Item {
    Text text;
};

struct Paragraph {
    Text text;
    std::vector<Item> items;
};

struct Article {
    ArticleNumber number;
    std::string title_zh;
    std::string title_en;
    std::string note;
    std::vector<Paragraph> paragraphs;
    std::optional<std::vector<std::string>> successors;  // canonical ids in a newer version; absent ≠ empty
    std::string successor_note;
    int line = 0;
};

struct Heading {
    std::string level;  // part, chapter, section, division
    std::string label;
    Text title;         // title.zh / title.en are the heading's title
    ArticleNumber first;
    ArticleNumber last;
    int line = 0;
};

int heading_rank(const std::string& level);  // part 0 < chapter 1 < section 2; division 0; -1 unknown

struct Dates {
    std::string adopted, promulgated, effective;  // ISO dates or empty
    std::vector<std::string> amended;
};

struct Source {
    std::string zh;
    std::string en;
    bool en_official = false;
};

// The articles of the full text, where the corpus holds only some of them.
struct Numbering {
    int last = 0;
    std::vector<ArticleNumber> inserted;  // 之N articles
    int line = 0;
    bool has(const ArticleNumber& n) const;
};

struct Instrument {
    std::string id;
    std::string title_zh, short_title_zh, title_en, short_title_en;
    std::vector<std::string> aliases;
    std::string kind;
    std::vector<std::string> issuers;
    std::string doc_number;
    std::string status;
    std::vector<std::string> supersedes, superseded_by;
    int links_line = 1;
    Dates dates;
    Source source;
    std::optional<Text> preamble;
    std::optional<Numbering> numbering;
    std::vector<Heading> headings;
    std::vector<Article> articles;
    std::string file;
    int line = 1;
};

// The vocabulary of facts (kb/rules/facts.toml).
struct FactValue {
    std::string name, zh, en;
    std::vector<std::string> synonyms;
};

struct FactDef {
    std::string name;
    std::string type;  // boolean, integer, enum, set, date
    std::string zh, en;
    std::vector<std::string> synonyms;
    std::vector<FactValue> values;  // enum and set
    int line = 0;
};

// A problem in the corpus, reported as "file:line: message".
struct Diagnostic {
    std::string file;
    int line = 0;
    std::string message;
    std::string str() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace lexq::kb
