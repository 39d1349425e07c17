#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <fmt/format.h>

#include "rule_ast.hpp"

namespace lexq::rules {
namespace {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// ---- Rules of the rule language -------------------------------------------------------------------
struct comment : seq<one<'#'>, until<eolf>> {};
struct blank : sor<space, comment> {};
struct sp : star<blank> {};

struct ident : seq<ranges<'a', 'z', 'A', 'Z', '_'>, star<ranges<'a', 'z', 'A', 'Z', '0', '9', '_', '_', '-', '-'>>> {};
template <typename Word>
struct key : seq<Word, not_at<ranges<'a', 'z', 'A', 'Z', '0', '9', '_', '_'>>> {};
struct k_conclusion : key<string<'c', 'o', 'n', 'c', 'l', 'u', 's', 'i', 'o', 'n'>> {};
struct k_rule : key<string<'r', 'u', 'l', 'e'>> {};
struct k_kind : key<string<'k', 'i', 'n', 'd'>> {};
struct k_sentence : key<string<'s', 'e', 'n', 't', 'e', 'n', 'c', 'e'>> {};
struct k_step : key<string<'s', 't', 'e', 'p'>> {};
struct k_concludes : key<string<'c', 'o', 'n', 'c', 'l', 'u', 'd', 'e', 's'>> {};
struct k_cites : key<string<'c', 'i', 't', 'e', 's'>> {};
struct k_when : key<string<'w', 'h', 'e', 'n'>> {};
struct k_unless : key<string<'u', 'n', 'l', 'e', 's', 's'>> {};
struct k_version : key<string<'v', 'e', 'r', 's', 'i', 'o', 'n'>> {};
struct k_not : key<string<'n', 'o', 't'>> {};
struct k_and : key<string<'a', 'n', 'd'>> {};
struct k_or : key<string<'o', 'r'>> {};
struct k_has : key<string<'h', 'a', 's'>> {};
struct k_in : key<string<'i', 'n'>> {};
struct reserved : sor<k_conclusion, k_rule, k_kind, k_sentence, k_step, k_concludes, k_cites, k_when, k_unless,
                      k_version, k_not, k_and, k_or, k_has, k_in> {};
struct name : seq<not_at<reserved>, ident> {};

struct string_body : star<sor<string<'\\', '"'>, not_one<'"', '\n'>>> {};
struct quote_close : one<'"'> {};  // the only quote with a message: must_if raises on any failure of it
struct quoted : seq<one<'"'>, string_body, must<quote_close>> {};
struct attr_key : ident {};
struct attribute : seq<attr_key, sp, quoted> {};

// Conditions.
struct condition;
struct number : seq<opt<one<'-'>>, plus<digit>> {};
struct value : sor<number, name, quoted> {};
struct op : sor<string<'!', '='>, string<'>', '='>, string<'<', '='>, one<'='>, one<'>'>, one<'<'>> {};
struct set_close : one<'}'> {};
struct set_values : seq<one<'{'>, sp, list<value, seq<sp, one<','>, sp>>, sp, must<set_close>> {};
struct compare : seq<name, sp, sor<seq<op, sp, must<value>>, seq<k_has, sp, must<value>>, seq<k_in, sp, must<set_values>>>> {};
struct group_close : one<')'> {};
struct group : seq<one<'('>, sp, must<condition>, sp, must<group_close>> {};
struct fact_or_conclusion : name {};
struct atom : sor<group, compare, fact_or_conclusion> {};
struct negation;
struct unary : sor<negation, atom> {};
struct negation : seq<k_not, sp, must<unary>> {};
struct and_operand : unary {};
struct conjunction : seq<unary, star<sp, k_and, sp, must<and_operand>>> {};
struct or_operand : conjunction {};
struct disjunction : seq<conjunction, star<sp, k_or, sp, must<or_operand>>> {};
struct condition : disjunction {};

// Conclusions.
struct kind_value : ident {};
struct sentence : seq<k_sentence, sp, star<attribute, sp>> {};
struct step_number : plus<digit> {};
struct step : seq<k_step, sp, must<step_number>, sp, star<attribute, sp>> {};
struct conclusion_id : ident {};
struct conclusion_body : star<sor<sentence, step, attribute>, sp> {};
struct kind_keyword : k_kind {};  // messages go on wrappers: must_if raises on any failure of a rule with one
struct conclusion : seq<k_conclusion, sp, must<conclusion_id>, sp, must<kind_keyword>, sp, must<kind_value>, sp, conclusion_body> {};

// Rules.
struct rule_id : ident {};
struct negated : k_not {};
struct concluded : ident {};
struct citation_text : plus<not_one<',', '\n', '#'>> {};
struct cites : seq<k_cites, sp, list<citation_text, seq<one<','>, star<blank>>>> {};
struct when_clause : seq<k_when, sp, must<condition>> {};
struct unless_clause : seq<k_unless, sp, must<condition>> {};
struct version_id : ident {};
struct version_clause : seq<k_version, sp, must<version_id>> {};
struct rule_body : star<sor<cites, when_clause, unless_clause, version_clause>, sp> {};
struct concludes_keyword : k_concludes {};
struct rule : seq<k_rule, sp, must<rule_id>, sp, must<concludes_keyword>, sp, opt<negated, sp>, must<concluded>, sp, rule_body> {};

struct file : seq<sp, star<sor<conclusion, rule>, sp>, must<eof>> {};

struct errors {
    template <typename Rule>
    static constexpr const char* message = nullptr;
};
// clang-format off
template <> inline constexpr const char* errors::message<eof> = "expected conclusion, rule, or a clause (cites, when, unless, version)";
template <> inline constexpr const char* errors::message<conclusion_id> = "expected the conclusion's id";
template <> inline constexpr const char* errors::message<kind_keyword> = "expected kind after the conclusion's id";
template <> inline constexpr const char* errors::message<kind_value> = "expected a kind: crime, circumstance, aggravating, mitigating, procedure, civil, administrative, exclusion";
template <> inline constexpr const char* errors::message<rule_id> = "expected the rule's id";
template <> inline constexpr const char* errors::message<concludes_keyword> = "expected concludes after the rule's id";
template <> inline constexpr const char* errors::message<concluded> = "expected the conclusion the rule concludes";
template <> inline constexpr const char* errors::message<condition> = "expected a condition";
template <> inline constexpr const char* errors::message<unary> = "expected a condition after not";
template <> inline constexpr const char* errors::message<and_operand> = "expected a condition after and";
template <> inline constexpr const char* errors::message<or_operand> = "expected a condition after or";
template <> inline constexpr const char* errors::message<value> = "expected a value";
template <> inline constexpr const char* errors::message<set_values> = "expected {values} after in";
template <> inline constexpr const char* errors::message<set_close> = "expected } to close the set";
template <> inline constexpr const char* errors::message<group_close> = "expected ) to close the group";
template <> inline constexpr const char* errors::message<quote_close> = "expected \" to close the string";
template <> inline constexpr const char* errors::message<step_number> = "expected the step's number";
template <> inline constexpr const char* errors::message<version_id> = "expected an instrument id after version";
// clang-format on

template <typename Rule>
using control = must_if<errors>::control<Rule>;

using Node = parse_tree::node;

template <typename Rule>
using selector = parse_tree::selector<
    Rule, parse_tree::store_content::on<conclusion, conclusion_id, kind_value, attribute, attr_key, quoted, sentence,
                                        step, step_number, rule, rule_id, negated, concluded, citation_text, when_clause,
                                        unless_clause, version_id, compare, op, k_has, k_in, value, set_values,
                                        fact_or_conclusion, negation, conjunction, disjunction, condition, or_operand,
                                        and_operand, name>>;

int line_of(const Node& n) { return static_cast<int>(n.begin().line); }

std::string unquote(const Node& quoted) {
    std::string s = quoted.string();
    s = s.substr(1, s.size() - 2);
    for (std::size_t at = s.find("\\\""); at != std::string::npos; at = s.find("\\\"", at + 1)) s.erase(at, 1);
    return s;
}

std::string value_of(const Node& v) {
    if (!v.children.empty() && v.children.front()->is_type<quoted>()) return unquote(*v.children.front());
    return v.string();
}

ConditionPtr condition_of(const Node& n);

ConditionPtr list_of(const Node& n, bool all) {
    if (n.children.size() == 1) return condition_of(*n.children.front());
    std::vector<ConditionPtr> operands;
    for (const auto& c : n.children) operands.push_back(condition_of(*c));
    if (all) return std::make_unique<Condition>(Condition{All{std::move(operands)}, line_of(n)});
    return std::make_unique<Condition>(Condition{Any{std::move(operands)}, line_of(n)});
}

ConditionPtr condition_of(const Node& n) {
    if (n.is_type<disjunction>() || n.is_type<condition>()) return list_of(n, false);
    if (n.is_type<conjunction>() || n.is_type<or_operand>()) return list_of(n, true);
    if (n.is_type<and_operand>()) return condition_of(*n.children.front());
    if (n.is_type<negation>()) return std::make_unique<Condition>(Condition{Not{condition_of(*n.children.front())}, line_of(n)});
    if (n.is_type<fact_or_conclusion>()) return std::make_unique<Condition>(Condition{Name{n.string()}, line_of(n)});
    // compare: name, then op | has | in, then value(s)
    Compare c;
    c.fact = n.children.at(0)->string();
    const Node& how = *n.children.at(1);
    c.op = how.is_type<op>() ? how.string() : how.is_type<k_has>() ? "has" : "in";
    const Node& what = *n.children.at(2);
    if (what.is_type<set_values>())
        for (const auto& v : what.children) c.values.push_back(value_of(*v));
    else
        c.values.push_back(value_of(what));
    return std::make_unique<Condition>(Condition{std::move(c), line_of(n)});
}

std::vector<Attribute> attributes(const Node& n) {
    std::vector<Attribute> out;
    for (const auto& c : n.children)
        if (c->is_type<attribute>()) out.push_back({c->children.front()->string(), unquote(*c->children.back())});
    return out;
}

Conclusion conclusion_of(const Node& n) {
    Conclusion c;
    c.line = line_of(n);
    for (const auto& child : n.children) {
        const Node& k = *child;
        if (k.is_type<conclusion_id>()) c.id = k.string();
        else if (k.is_type<kind_value>()) c.kind = k.string();
        else if (k.is_type<attribute>()) {
            const std::string key = k.children.front()->string();
            if (key == "zh") c.zh = unquote(*k.children.back());
            if (key == "en") c.en = unquote(*k.children.back());
        } else if (k.is_type<sentence>()) {
            for (const auto& a : attributes(k)) (a.key == "zh" ? c.sentence_zh : c.sentence_en) = a.value;
        } else if (k.is_type<step>()) {
            c.steps.push_back({std::stoi(k.children.front()->string()), attributes(k)});
        }
    }
    return c;
}

Rule rule_of(const Node& n) {
    Rule r;
    r.line = line_of(n);
    for (const auto& child : n.children) {
        const Node& k = *child;
        if (k.is_type<rule_id>()) r.id = k.string();
        else if (k.is_type<negated>()) r.negated = true;
        else if (k.is_type<concluded>()) r.concludes = k.string();
        else if (k.is_type<citation_text>()) {
            std::string text = k.string();
            while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
            r.cites.push_back(text);
        } else if (k.is_type<when_clause>()) r.when = condition_of(*k.children.front());
        else if (k.is_type<unless_clause>()) r.unless = condition_of(*k.children.front());
        else if (k.is_type<version_id>()) r.version = k.string();
    }
    return r;
}

}  // namespace

std::variant<RuleFile, RuleError> parse_rules(std::string_view text) {
    pegtl::memory_input in(text.data(), text.size(), "rules");
    try {
        auto root = parse_tree::parse<file, selector, nothing, control>(in);
        RuleFile out;
        if (root)
            for (const auto& child : root->children) {
                if (child->is_type<conclusion>()) out.conclusions.push_back(conclusion_of(*child));
                if (child->is_type<rule>()) out.rules.push_back(rule_of(*child));
            }
        return out;
    } catch (const pegtl::parse_error& e) {
        const auto& p = e.positions().front();
        return RuleError{static_cast<int>(p.line), static_cast<int>(p.column), std::string(e.message())};
    }
}

std::string to_string(const Condition& c) {
    struct Visitor {
        std::string operator()(const Compare& x) const {
            if (x.op == "in") return fmt::format("{} in {{{}}}", x.fact, fmt::join(x.values, ", "));
            return fmt::format("{} {} {}", x.fact, x.op, x.values.front());
        }
        std::string operator()(const Name& x) const { return x.name; }
        std::string operator()(const Not& x) const { return "not " + to_string(*x.operand); }
        std::string operator()(const All& x) const { return join(x.operands, " and "); }
        std::string operator()(const Any& x) const { return join(x.operands, " or "); }
        static std::string join(const std::vector<ConditionPtr>& list, const char* op) {
            std::vector<std::string> parts;
            for (const auto& o : list) parts.push_back(to_string(*o));
            return fmt::format("({})", fmt::join(parts, op));
        }
    };
    return std::visit(Visitor{}, c.node);
}

}  // namespace lexq::rules
