// The AST of the query language. Every node keeps the byte span of its source text.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lexq::ast {

struct Span {
    std::size_t offset = 0;
    std::size_t length = 0;
};

// A number as written: "246", "二百四十六" or "零" forms; the engine converts it.
struct Number {
    std::string text;
    Span span;
};

// 刑法第246条第2款第（一）项, 《中华人民共和国刑法》第二百四十六条, CL 246(2).
struct Citation {
    std::string instrument;  // as typed, without 《》
    bool canonical = false;  // written as a lexq id: "CL 246(2)(1)"
    std::optional<Number> article;  // absent: the citation names a whole instrument
    std::optional<Number> article_sub;  // 之一 → "一"; 253-1 → "1"
    std::optional<Number> paragraph;
    std::optional<Number> item;
    Span span;
    Span instrument_span;
    std::string text;    // the citation as typed
    bool free = false;   // not in lexq's own forms: to be read by the citation scanner
};

struct Query;
using QueryPtr = std::unique_ptr<Query>;

struct Term {
    std::string text;
    bool prefix = false;  // written with a final '*'
};
struct Phrase {
    std::string text;
};
// title:…, heading:…, zh:…, en:…: the operand matches only in that part of a provision.
struct Field {
    std::string name;  // lower case
    QueryPtr operand;
};
enum class NearKind { words, ordered, sentence, paragraph, item, article };
// a /5 b, a +5 b, a /s b, a /p b, a /item b, a /art b.
struct Near {
    NearKind kind = NearKind::words;
    int distance = 0;  // words and ordered only
    QueryPtr left;
    QueryPtr right;
};
// instrument:CL,CC kind:law status:all date:2024-01-01 limit:20 offset:20 — a statement option, not a term.
struct Option {
    std::string name;  // lower case
    std::string value;
    Span value_span;
};
struct And {
    std::vector<QueryPtr> operands;
};
struct Or {
    std::vector<QueryPtr> operands;
};
struct Not {
    QueryPtr operand;
};

struct Query {
    std::variant<Term, Phrase, Field, Near, Option, And, Or, Not> node;
    Span span;
};

struct Show {
    Citation citation;
};
struct Search {
    QueryPtr query;
};
// explain search …: the parsed tree and the FTS5 expression, without running it.
struct Explain {
    Search search;
};

// refs <citation>: what a provision cites.
struct Refs {
    Citation citation;
};
// citedby <citation> [depth:N]: what cites a provision, directly or through N steps.
struct CitedBy {
    Citation citation;
    int depth = 1;
    Span depth_span;
};
// check <text>: every citation in the text.
struct Check {
    std::string text;
    Span span;
};

// name = value, as typed: one value, or a set {a, b}.
struct Assignment {
    std::string name;
    std::vector<std::string> values;
    bool is_set = false;
    Span span;
    Span value_span;
};
// apply <facts> [using draft]
struct Apply {
    std::vector<Assignment> facts;
    bool draft = false;
};
// explain <conclusion> [full] given <facts> [using draft]
struct ExplainConclusion {
    std::string conclusion;
    Span conclusion_span;
    bool full = false;
    Apply given;
};

struct Statement {
    std::variant<Show, Search, Explain, Refs, CitedBy, Check, Apply, ExplainConclusion> node;
    Span span;
};

struct Script {
    std::vector<Statement> statements;
};

struct SyntaxError {
    std::string message;
    std::size_t offset = 0;
};

// The tree as text, one canonical form per node: used by `explain` and golden tests.
std::string to_string(const Query& query);
std::string to_string(const Citation& citation);
const char* to_string(NearKind kind);

}  // namespace lexq::ast
