#include "ast.hpp"

#include <fmt/format.h>

namespace lexq::ast {
namespace {

template <typename List>
std::string list(const char* op, const List& l) {
    std::string out = fmt::format("({}", op);
    for (const auto& operand : l.operands) out += " " + to_string(*operand);
    return out + ")";
}

}  // namespace

std::string to_string(const Query& query) {
    struct Visitor {
        std::string operator()(const Term& t) const { return fmt::format("term({}{})", t.text, t.prefix ? "*" : ""); }
        std::string operator()(const Field& f) const { return fmt::format("({}: {})", f.name, to_string(*f.operand)); }
        std::string operator()(const Near& n) const {
            const bool counted = n.kind == NearKind::words || n.kind == NearKind::ordered;
            return fmt::format("({}{} {} {})", to_string(n.kind), counted ? std::to_string(n.distance) : "",
                               to_string(*n.left), to_string(*n.right));
        }
        std::string operator()(const Option& o) const { return fmt::format("option({}={})", o.name, o.value); }
        std::string operator()(const Phrase& p) const { return fmt::format("phrase({})", p.text); }
        std::string operator()(const And& a) const { return list("AND", a); }
        std::string operator()(const Or& o) const { return list("OR", o); }
        std::string operator()(const Not& n) const { return fmt::format("(NOT {})", to_string(*n.operand)); }
    };
    return std::visit(Visitor{}, query.node);
}

const char* to_string(NearKind kind) {
    switch (kind) {
        case NearKind::words: return "/";
        case NearKind::ordered: return "+";
        case NearKind::sentence: return "/s";
        case NearKind::paragraph: return "/p";
        case NearKind::item: return "/item";
        case NearKind::article: return "/art";
    }
    return "/";
}

std::string to_string(const Citation& c) {
    std::string out = fmt::format("citation({}{}", c.canonical ? "id " : "", c.instrument);
    if (c.article) out += " art " + c.article->text;
    if (c.article_sub) out += " sub " + c.article_sub->text;
    if (c.paragraph) out += " para " + c.paragraph->text;
    if (c.item) out += " item " + c.item->text;
    return out + ")";
}

}  // namespace lexq::ast
