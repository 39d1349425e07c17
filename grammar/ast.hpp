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
};

struct Query;
using QueryPtr = std::unique_ptr<Query>;

struct Term {
    std::string text;
};
struct Phrase {
    std::string text;
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
    std::variant<Term, Phrase, And, Or, Not> node;
    Span span;
};

struct Show {
    Citation citation;
};
struct Search {
    QueryPtr query;
};

struct Statement {
    std::variant<Show, Search> node;
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

}  // namespace lexq::ast
