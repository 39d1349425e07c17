// The rule language (kb/rules/*.rules, docs/rules.md): conclusions, rules and their conditions.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace lexq::rules {

struct Condition;
using ConditionPtr = std::unique_ptr<Condition>;

// fact = value, fact != value, fact >= 5000, fact has value, fact in {a, b}
struct Compare {
    std::string fact;
    std::string op;  // = != > >= < <= has in
    std::vector<std::string> values;  // one, or the set of `in`
};
// A bare name: a boolean fact or a conclusion (derived concepts chain).
struct Name {
    std::string name;
};
struct Not {
    ConditionPtr operand;
};
struct All {
    std::vector<ConditionPtr> operands;
};
struct Any {
    std::vector<ConditionPtr> operands;
};

struct Condition {
    std::variant<Compare, Name, Not, All, Any> node;
    int line = 0;
};

struct Attribute {
    std::string key;  // zh, en, actor, …
    std::string value;
};

struct Step {
    int number = 0;
    std::vector<Attribute> attributes;
};

struct Conclusion {
    std::string id;
    std::string kind;
    std::string zh, en;
    std::string sentence_zh, sentence_en;
    std::vector<Step> steps;
    int line = 0;
};

struct Rule {
    std::string id;
    std::string concludes;
    bool negated = false;
    std::vector<std::string> cites;
    ConditionPtr when;
    ConditionPtr unless;
    std::string version;
    int line = 0;
};

struct RuleFile {
    std::vector<Conclusion> conclusions;
    std::vector<Rule> rules;
};

struct RuleError {
    int line = 0;
    int column = 0;
    std::string message;
};

// Parses one rule file; on a syntax error, the line, column and what was expected.
std::variant<RuleFile, RuleError> parse_rules(std::string_view text);

// The condition as text, for explanations: (act has insult and views >= 5000).
std::string to_string(const Condition& c);

}  // namespace lexq::rules
