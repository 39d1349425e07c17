#include "parser.hpp"

#include <fmt/format.h>
#include <tao/pegtl/contrib/parse_tree.hpp>
#include <unicode/utf8.h>

#include "rules.hpp"

namespace lexq::grammar {
namespace {

using Node = pegtl::parse_tree::node;

template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<inst_id, article_main, article_sub, paragraph_num, item_num, inst_title,
                                         inst_name, zh_article, zh_sub, zh_unit, zh_unit_number, zh_unit_bracketed,
                                         kuan, xiang,
                                         canonical, chinese, instrument_only, term, phrase_text, not_expr, and_expr, or_operand,
                                         query, group_body, show_stmt, search_stmt, explain_stmt, field, field_name,
                                         near_words, near_ordered, near_sentence, near_paragraph, near_item,
                                         near_article, option, option_name, option_value, refs_stmt, citedby_stmt,
                                         depth_value, check_stmt, check_text, free_citation, apply_stmt, assignment,
                                         fact_name_text, value_atom, value_set, using_draft, explain_conclusion,
                                         conclusion_name, full_depth>,
    pegtl::parse_tree::fold_one::on<not_operand, field_operand, near_expr>>;  // fold_one: a lone operand is itself

ast::Span span_of(const Node& n) { return {n.begin().byte, n.end().byte - n.begin().byte}; }

ast::Number number_of(const Node& n) { return {n.string(), span_of(n)}; }

ast::Citation citation_of(const Node& n) {
    ast::Citation c;
    c.span = span_of(n);
    c.text = n.string();
    c.free = n.is_type<free_citation>();
    c.canonical = n.is_type<canonical>();
    for (const auto& child : n.children) {
        const Node& k = *child;
        if (k.is_type<inst_id>() || k.is_type<inst_title>() || k.is_type<inst_name>()) {
            c.instrument = k.string();
            c.instrument_span = span_of(k);
        } else if (k.is_type<article_main>() || k.is_type<zh_article>()) {
            c.article = number_of(k);
        } else if (k.is_type<article_sub>() || k.is_type<zh_sub>()) {
            c.article_sub = number_of(k);
        } else if (k.is_type<paragraph_num>()) {
            c.paragraph = number_of(k);
        } else if (k.is_type<item_num>()) {
            c.item = number_of(k);
        } else if (k.is_type<zh_unit>()) {
            const bool is_item = k.children.back()->is_type<xiang>();
            // At most one 款, then at most one 项: 第一款第二款 and 第一项第二款 are not citations.
            if (c.item || (c.paragraph && !is_item))
                throw pegtl::parse_error("a citation names one paragraph (款), then one item (项)", k.begin());
            (is_item ? c.item : c.paragraph) = number_of(*k.children.front());
        }
    }
    return c;
}

ast::QueryPtr query_of(const Node& n);

template <typename Kind>
ast::QueryPtr list_of(const Node& n) {
    if (n.children.size() == 1) return query_of(*n.children.front());
    Kind list;
    for (const auto& child : n.children) list.operands.push_back(query_of(*child));
    return std::make_unique<ast::Query>(ast::Query{std::move(list), span_of(n)});
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return s;
}

ast::QueryPtr make(auto node, const Node& n) { return std::make_unique<ast::Query>(ast::Query{std::move(node), span_of(n)}); }

ast::QueryPtr term_of(const Node& n) {
    std::string text = n.string();
    const bool prefix = text.ends_with('*');
    if (prefix) text.pop_back();
    return make(ast::Term{text, prefix}, n);
}

ast::NearKind near_kind(const Node& op) {
    if (op.is_type<near_words>()) return ast::NearKind::words;
    if (op.is_type<near_ordered>()) return ast::NearKind::ordered;
    if (op.is_type<near_sentence>()) return ast::NearKind::sentence;
    if (op.is_type<near_paragraph>()) return ast::NearKind::paragraph;
    if (op.is_type<near_item>()) return ast::NearKind::item;
    return ast::NearKind::article;
}

// a /5 b /s c: operands and connectors alternate; the chain associates to the left.
ast::QueryPtr near_of(const Node& n) {
    ast::QueryPtr left = query_of(*n.children.front());
    for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
        const Node& op = *n.children[i];
        const ast::NearKind kind = near_kind(op);
        const bool counted = kind == ast::NearKind::words || kind == ast::NearKind::ordered;
        const std::string digits = counted ? op.string().substr(1) : "0";
        const int distance = digits.size() > 5 ? 100000 : std::stoi(digits);  // the engine enforces the limit
        ast::Span span{n.begin().byte, n.children[i + 1]->end().byte - n.begin().byte};
        left = std::make_unique<ast::Query>(ast::Query{ast::Near{kind, distance, std::move(left), query_of(*n.children[i + 1])}, span});
    }
    return left;
}

ast::QueryPtr query_of(const Node& n) {
    if (n.is_type<term>()) return term_of(n);
    if (n.is_type<field>())
        return make(ast::Field{lower(n.children.front()->string()), query_of(*n.children.back())}, n);
    if (n.is_type<option>())
        return make(ast::Option{lower(n.children.front()->string()), n.children.back()->string(), span_of(*n.children.back())}, n);
    if (n.is_type<near_expr>()) return near_of(n);
    if (n.is_type<phrase_text>()) return std::make_unique<ast::Query>(ast::Query{ast::Phrase{n.string()}, span_of(n)});
    if (n.is_type<not_expr>())
        return std::make_unique<ast::Query>(ast::Query{ast::Not{query_of(*n.children.front())}, span_of(n)});
    if (n.is_type<and_expr>() || n.is_type<or_operand>()) return list_of<ast::And>(n);
    return list_of<ast::Or>(n);  // query, group_body
}

ast::Apply apply_of(const Node& n) {
    ast::Apply a;
    for (const auto& child : n.children) {
        if (child->is_type<using_draft>()) a.draft = true;
        if (!child->is_type<assignment>()) continue;
        const Node& name = *child->children.front();
        const Node& value = *child->children.back();
        ast::Assignment x{name.string(), {}, value.is_type<value_set>(), span_of(*child), span_of(value)};
        if (x.is_set)
            for (const auto& v : value.children) x.values.push_back(v->string());
        else
            x.values.push_back(value.string());
        a.facts.push_back(std::move(x));
    }
    return a;
}

ast::Statement statement_of(const Node& n) {
    const Node& body = *n.children.front();
    if (n.is_type<show_stmt>()) return {ast::Show{citation_of(body)}, span_of(n)};
    if (n.is_type<apply_stmt>()) return {apply_of(n), span_of(n)};
    if (n.is_type<explain_stmt>() && body.is_type<explain_conclusion>()) {
        ast::ExplainConclusion e{body.children.front()->string(), span_of(*body.children.front()), false, apply_of(body)};
        for (const auto& c : body.children) e.full = e.full || c->is_type<full_depth>();
        return {std::move(e), span_of(n)};
    }
    if (n.is_type<explain_stmt>()) return {ast::Explain{ast::Search{query_of(*body.children.front())}}, span_of(n)};
    if (n.is_type<refs_stmt>()) return {ast::Refs{citation_of(body)}, span_of(n)};
    if (n.is_type<check_stmt>()) return {ast::Check{body.string(), span_of(body)}, span_of(n)};
    if (n.is_type<citedby_stmt>()) {
        ast::CitedBy c{citation_of(body), 1, {}};
        if (n.children.size() > 1) {
            const std::string digits = n.children.back()->string();
            c.depth = digits.size() > 3 ? 1000 : std::stoi(digits);  // the engine enforces the limit
            c.depth_span = span_of(*n.children.back());
        }
        return {std::move(c), span_of(n)};
    }
    return {ast::Search{query_of(body)}, span_of(n)};
}

// Rejects what the grammar should never see: too much text, invalid UTF-8 and control characters.
std::optional<ast::SyntaxError> precheck(std::string_view text) {
    if (text.size() > max_input_bytes)
        return ast::SyntaxError{fmt::format("input too long: {} bytes, more than the {} bytes one input may hold", text.size(), max_input_bytes),
                                max_input_bytes};
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        const auto offset = static_cast<std::size_t>(i);
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) return ast::SyntaxError{"invalid UTF-8", offset};
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return ast::SyntaxError{fmt::format("control character U+{:04X} is not allowed", c), offset};
    }
    return std::nullopt;
}

}  // namespace

std::variant<ast::Script, ast::SyntaxError> parse(std::string_view text) {
    if (auto error = precheck(text)) return *error;
    pegtl::memory_input in(text.data(), text.size(), "statement");
    try {
        Depth depth{0, max_nesting};
        auto root = pegtl::parse_tree::parse<script, selector, pegtl::nothing, control>(in, depth);
        ast::Script result;
        if (root)
            for (const auto& child : root->children) result.statements.push_back(statement_of(*child));
        return result;
    } catch (const pegtl::parse_error& e) {
        return ast::SyntaxError{std::string(e.message()), e.positions().front().byte};
    }
}

}  // namespace lexq::grammar
