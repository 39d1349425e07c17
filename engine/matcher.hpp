// Checks a query against one article's texts, token by token, with the same tokens the index holds: the
// exact semantics of proximity (/n +n /s /p /item), the units where terms stand, and whole-word matches.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ast.hpp"
#include "sqlite.hpp"
#include "tokenizer.hpp"

namespace lexq::engine {

enum Column { title_column, headings_column, zh_column, en_column };

// One searchable text of an article: its topic, its headings, or one paragraph or item in one language.
struct Segment {
    Column column;
    int paragraph = 0;  // 0 for the topic and headings
    int item = 0;       // 0 for a paragraph's own text
    std::string unit_id;
    std::string text;
};

// An article's segments: its topic, its headings, then its paragraphs and items in Chinese, then in English.
std::vector<Segment> read_segments(const kb::Database& db, long long rowid);

class Matcher {
public:
    Matcher(const kb::IndexTokenizer& tokenizer, std::vector<Segment> segments);
    ~Matcher();

    bool matches(const ast::Query& query);
    // Paragraph and item ids where a term of the query (outside NOT) stands, in article order.
    std::vector<std::string> matched_units(const ast::Query& query);
    // Whether a Chinese term of the query stands in the text as a whole word (ICU word boundaries).
    bool whole_word(const ast::Query& query);
    // Whether any of these texts stands in the article as written (contiguously).
    bool holds_any(const std::vector<std::string>& texts);

    struct Occurrence {
        int segment;
        int start;  // token positions, counted across the column's segments
        int end;
        int sentence;
        int start_byte;  // into the segment's text
        int end_byte;
    };

private:
    struct Tokens;
    std::vector<Occurrence> eval(const ast::Query& q, unsigned columns);
    std::vector<Occurrence> leaf(const std::string& text, bool prefix, unsigned columns);
    std::vector<Occurrence> near(const ast::Near& n, unsigned columns);
    void leaves(const ast::Query& q, unsigned columns, std::vector<std::pair<const std::string*, std::vector<Occurrence>>>& out);
    bool on_word_boundaries(const Occurrence& o);
    const Tokens& tokens(std::size_t segment);
    int count_of(std::size_t segment);

    const kb::IndexTokenizer& tokenizer_;
    std::vector<Segment> segments_;
    std::vector<std::unique_ptr<Tokens>> tokens_;  // per segment, made on first use
    std::vector<int> counts_;                      // per segment, -1 until counted
};

}  // namespace lexq::engine
