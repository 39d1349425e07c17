#include "apply.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "catalog.hpp"
#include "errors.hpp"
#include "tokenizer.hpp"

namespace lexq::engine {

namespace {

enum class Tri { no, yes, unknown };

Tri tri_not(Tri t) { return t == Tri::yes ? Tri::no : t == Tri::no ? Tri::yes : Tri::unknown; }

struct FactInfo {
    std::string name, type, zh, en;
    std::vector<std::string> values;
};

struct ConclusionInfo {
    std::string id, kind, zh, en, sentence_zh, sentence_en;
    std::vector<ProcedureStep> steps;
    int seq = 0;
};

struct RuleInfo {
    const rules::Rule* ast = nullptr;
    std::vector<std::string> cites;
};

// A user's facts: each known fact's values (one, or a set).
using Facts = std::map<std::string, std::vector<std::string>>;

}  // namespace

struct RuleBase::Data {
    std::map<std::string, FactInfo> facts;
    std::map<std::string, std::pair<std::string, std::string>> names;  // folded name → fact, value
    std::map<std::string, ConclusionInfo> conclusions;
    std::vector<rules::RuleFile> files;
    std::map<std::string, std::vector<RuleInfo>> rules_of;  // conclusion → its rules
    std::map<std::string, std::string> version_start;       // instrument → effective date, for versioned rules
};

namespace {

// Evaluates conclusions for one set of facts; remembers what each needed.
class Evaluator {
public:
    Evaluator(const RuleBase::Data& d, const Facts& facts, const std::string& date, bool draft)
        : d_(d), facts_(facts), date_(date), draft_(draft) {}

    struct Outcome {
        Tri verdict = Tri::no;
        std::vector<const rules::Rule*> deciding;
        std::set<std::string> missing;
        std::string because;
    };

    const Outcome& conclusion(const std::string& id) {
        if (auto it = memo_.find(id); it != memo_.end()) return it->second;
        Outcome o;
        bool positive = false, positive_unknown = false, excluded = false, exclusion_unknown = false;
        std::vector<const rules::Rule*> yes_rules, no_rules;
        std::string failed;
        const auto rules = d_.rules_of.find(id);
        if (rules != d_.rules_of.end())
            for (const RuleInfo& r : rules->second) {
                if (!in_version(*r.ast)) continue;
                std::set<std::string> missing;
                const Tri t = rule(*r.ast, missing);
                if (r.ast->negated) {
                    excluded = excluded || t == Tri::yes;
                    exclusion_unknown = exclusion_unknown || t == Tri::unknown;
                    if (t == Tri::yes) no_rules.push_back(r.ast);
                    if (t == Tri::unknown) o.missing.insert(missing.begin(), missing.end());
                    continue;
                }
                if (t == Tri::yes) positive = true, yes_rules.push_back(r.ast);  // kept for naming a conflict
                if (t == Tri::unknown) positive_unknown = true, o.missing.insert(missing.begin(), missing.end());
                if (t == Tri::no && failed.empty()) failed = defeat(*r.ast);
            }
        if (excluded) {
            o.verdict = Tri::no;
            o.deciding = no_rules;
            o.because = fmt::format("excluded by {}", no_rules.front()->id);
            // A conflict, named: a rule concludes it and another excludes it; the exclusion prevails.
            if (positive) o.because += fmt::format(", which prevails over {}", yes_rules.front()->id);
            o.missing.clear();
        } else if (positive && !exclusion_unknown) {
            o.verdict = Tri::yes;
            o.deciding = yes_rules;
            o.because = rules::to_string(*yes_rules.front()->when);
            o.missing.clear();
        } else if (positive || positive_unknown) {
            o.verdict = Tri::unknown;
        } else {
            o.verdict = Tri::no;
            o.because = failed.empty() ? "no rule applies to these facts" : "not met: " + failed;
        }
        return memo_[id] = o;
    }

    Tri condition(const rules::Condition& c, std::set<std::string>& missing) {
        if (const auto* x = std::get_if<rules::Compare>(&c.node)) return compare(*x, missing);
        if (const auto* x = std::get_if<rules::Name>(&c.node)) {
            if (d_.facts.count(x->name)) return boolean(x->name, missing);
            const Outcome& o = conclusion(x->name);
            if (o.verdict == Tri::unknown) missing.insert(o.missing.begin(), o.missing.end());
            return o.verdict;
        }
        if (const auto* x = std::get_if<rules::Not>(&c.node)) return tri_not(condition(*x->operand, missing));
        if (const auto* x = std::get_if<rules::All>(&c.node)) {
            Tri out = Tri::yes;
            std::set<std::string> need;
            for (const auto& o : x->operands) {
                const Tri t = condition(*o, need);
                if (t == Tri::no) return Tri::no;  // one false part decides, whatever is unknown
                if (t == Tri::unknown) out = Tri::unknown;
            }
            if (out == Tri::unknown) missing.insert(need.begin(), need.end());
            return out;
        }
        const auto& any = std::get<rules::Any>(c.node);
        Tri out = Tri::no;
        std::set<std::string> need;
        for (const auto& o : any.operands) {
            const Tri t = condition(*o, need);
            if (t == Tri::yes) return Tri::yes;
            if (t == Tri::unknown) out = Tri::unknown;
        }
        if (out == Tri::unknown) missing.insert(need.begin(), need.end());
        return out;
    }

    bool in_version(const rules::Rule& r) const {
        if (r.version.empty()) return true;
        if (r.version == "OP2023D") return draft_;
        if (r.version == "OP2023") return !draft_;
        // A statute version: the one whose effective date is the latest on or before the facts' date.
        const auto it = d_.version_start.find(r.version);
        if (it == d_.version_start.end()) return true;
        std::string best;
        for (const auto& [id, start] : d_.version_start)
            if (id.substr(0, 5) == r.version.substr(0, 5) && start <= date_ && start > best) best = start;
        return it->second == best;
    }

    // Why a rule does not hold: its exception holds, or its condition fails.
    std::string defeat(const rules::Rule& r) {
        std::set<std::string> ignored;
        if (r.when && r.unless && condition(*r.when, ignored) != Tri::no)
            return fmt::format("{}: its exception holds: {}", r.id, rules::to_string(*r.unless));
        return fmt::format("{}: {}", r.id, r.when ? rules::to_string(*r.when) : "no condition");
    }

private:
    Tri rule(const rules::Rule& r, std::set<std::string>& missing) {
        if (!r.when) return Tri::no;
        const Tri when = condition(*r.when, missing);
        if (!r.unless || when == Tri::no) return when;
        const Tri unless = condition(*r.unless, missing);
        if (unless == Tri::yes) return Tri::no;
        return unless == Tri::no ? when : Tri::unknown;
    }

    Tri boolean(const std::string& fact, std::set<std::string>& missing) {
        const auto it = facts_.find(fact);
        if (it == facts_.end()) {
            missing.insert(fact);
            return Tri::unknown;
        }
        return it->second.front() == "true" ? Tri::yes : Tri::no;
    }

    Tri compare(const rules::Compare& x, std::set<std::string>& missing) {
        const auto it = facts_.find(x.fact);
        if (it == facts_.end()) {
            missing.insert(x.fact);
            return Tri::unknown;
        }
        const auto& given = it->second;
        const std::string& want = x.values.front();
        if (x.op == "has") return std::find(given.begin(), given.end(), want) != given.end() ? Tri::yes : Tri::no;
        if (x.op == "in")
            return std::find(x.values.begin(), x.values.end(), given.front()) != x.values.end() ? Tri::yes : Tri::no;
        const std::string& have = given.front();
        const std::string& type = d_.facts.at(x.fact).type;
        int order = 0;
        if (type == "integer") {
            const long long a = std::stoll(have), b = std::stoll(want);
            order = a < b ? -1 : a > b ? 1 : 0;
        } else {
            order = have < want ? -1 : have > want ? 1 : 0;
        }
        bool result = false;
        if (x.op == "=") result = order == 0;
        if (x.op == "!=") result = order != 0;
        if (x.op == ">") result = order > 0;
        if (x.op == ">=") result = order >= 0;
        if (x.op == "<") result = order < 0;
        if (x.op == "<=") result = order <= 0;
        return result ? Tri::yes : Tri::no;
    }

    const RuleBase::Data& d_;
    const Facts& facts_;
    std::string date_;
    bool draft_;
    std::map<std::string, Outcome> memo_;
};

std::vector<std::string> suggest_fact(const RuleBase::Data& d, const std::string& typed) {
    std::vector<std::pair<std::size_t, std::string>> close;
    const auto typed32 = std::u32string(typed.begin(), typed.end());
    for (const auto& [name, target] : d.names) {
        if (!target.second.empty()) continue;
        const std::size_t distance = edit_distance(typed32, std::u32string(name.begin(), name.end()));
        if (distance <= std::max<std::size_t>(2, typed.size() / 3)) close.emplace_back(distance, target.first);
    }
    std::sort(close.begin(), close.end());
    std::vector<std::string> out;
    for (const auto& [distance, fact] : close)
        if (std::find(out.begin(), out.end(), fact) == out.end() && out.size() < 3) out.push_back(fact);
    return out;
}

std::string typed_value(const RuleBase::Data& d, const FactInfo& f, const std::string& raw, const ast::Assignment& x);

// name = value pairs → typed facts, or an "unknown fact" / "wrong type" error naming the position.
Facts read_facts(const RuleBase::Data& d, const ast::Apply& a, std::string& date) {
    Facts facts;
    for (const ast::Assignment& x : a.facts) {
        const auto named = d.names.find(kb::fold(x.name));
        if (named == d.names.end() || !named->second.second.empty()) {
            const auto close = suggest_fact(d, kb::fold(x.name));
            fail("unknown fact", fmt::format("no fact named '{}'{}", x.name, close.empty() ? "" : fmt::format("; did you mean {}?", fmt::join(close, ", "))),
                 {x.span.offset, x.name.size()}, close);
        }
        const FactInfo& f = d.facts.at(named->second.first);
        std::vector<std::string> values;
        for (const std::string& raw : x.values) values.push_back(typed_value(d, f, raw, x));
        if (x.is_set != (f.type == "set"))
            fail("wrong type", f.type == "set" ? fmt::format("{} is a set: write {} = {{{}}}", f.name, f.name, x.values.front())
                                               : fmt::format("{} takes one value, not a set", f.name), x.value_span);
        if (f.name == "date") date = values.front();
        facts[f.name] = values;
    }
    return facts;
}

}  // namespace

RuleBase::RuleBase(const kb::Database& db) : data_(std::make_unique<Data>()) {
    Data& d = *data_;
    kb::Statement facts(db.handle(), "SELECT name, type, zh, en FROM fact ORDER BY seq");
    while (facts.step()) d.facts[facts.text(0)] = {facts.text(0), facts.text(1), facts.text(2), facts.text(3), {}};
    kb::Statement values(db.handle(), "SELECT fact, name FROM fact_value ORDER BY fact, seq");
    while (values.step()) d.facts[values.text(0)].values.push_back(values.text(1));
    kb::Statement names(db.handle(), "SELECT name, fact, value FROM fact_name");
    while (names.step()) d.names[names.text(0)] = {names.text(1), names.text(2)};
    kb::Statement conclusions(db.handle(), "SELECT id, kind, zh, en, sentence_zh, sentence_en, steps, seq FROM conclusion");
    while (conclusions.step()) {
        ConclusionInfo c{conclusions.text(0), conclusions.text(1), conclusions.text(2), conclusions.text(3),
                         conclusions.text(4), conclusions.text(5), {}, static_cast<int>(conclusions.integer(7))};
        // Steps are stored a line each: "N<TAB>key=value<TAB>…".
        std::istringstream lines(conclusions.text(6));
        for (std::string line; std::getline(lines, line);) {
            std::istringstream fields(line);
            std::string field;
            std::getline(fields, field, '\t');
            ProcedureStep step{std::atoi(field.c_str()), {}, {}, {}};
            while (std::getline(fields, field, '\t')) {
                const auto eq = field.find('=');
                const std::string key = field.substr(0, eq), value = eq == std::string::npos ? "" : field.substr(eq + 1);
                if (key == "actor") step.actor = value;
                if (key == "zh") step.zh = value;
                if (key == "en") step.en = value;
            }
            c.steps.push_back(step);
        }
        d.conclusions[c.id] = c;
    }
    kb::Statement files(db.handle(), "SELECT text FROM rule_file ORDER BY file");
    while (files.step())
        if (auto parsed = rules::parse_rules(files.text(0)); std::holds_alternative<rules::RuleFile>(parsed))
            d.files.push_back(std::move(std::get<rules::RuleFile>(parsed)));
    for (const auto& file : d.files)
        for (const auto& r : file.rules) {
            RuleInfo info{&r, {}};
            kb::Statement cites(db.handle(), "SELECT target FROM rule_cite WHERE rule_id = ?1 ORDER BY seq");
            cites.bind(1, r.id);
            while (cites.step()) info.cites.push_back(cites.text(0));
            d.rules_of[r.concludes].push_back(std::move(info));
        }
    kb::Statement versions(db.handle(), "SELECT id, COALESCE(NULLIF(effective, ''), promulgated, '') FROM instrument");
    while (versions.step()) d.version_start[versions.text(0)] = versions.text(1);
}

RuleBase::~RuleBase() = default;

namespace {

std::string typed_value(const RuleBase::Data& d, const FactInfo& f, const std::string& raw, const ast::Assignment& x) {
    if (f.type == "boolean") {
        static const std::set<std::string> yes{"true", "yes", "是", "1", "有"}, no{"false", "no", "否", "0", "无"};
        if (yes.count(kb::fold(raw))) return "true";
        if (no.count(kb::fold(raw))) return "false";
        fail("wrong type", fmt::format("{} is true or false, not '{}'", f.name, raw), x.value_span);
    }
    if (f.type == "integer") {
        std::string digits;
        for (char c : raw)
            if (c != ',') digits += c;
        if (digits.empty() || digits.size() > 15 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            fail("wrong type", fmt::format("{} is a number, not '{}'", f.name, raw), x.value_span);
        return digits;
    }
    if (f.type == "date") {
        const bool shaped = raw.size() == 10 && raw[4] == '-' && raw[7] == '-' &&
                            std::all_of(raw.begin(), raw.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
        const bool ok = shaped && std::stoi(raw.substr(5, 2)) >= 1 && std::stoi(raw.substr(5, 2)) <= 12 &&
                        std::stoi(raw.substr(8, 2)) >= 1 && std::stoi(raw.substr(8, 2)) <= 31;
        if (!ok) fail("wrong type", fmt::format("{} is a date such as 2024-03-01, not '{}'", f.name, raw), x.value_span);
        return raw;
    }
    const auto named = d.names.find(kb::fold(raw));
    if (named != d.names.end() && named->second.first == f.name && !named->second.second.empty()) return named->second.second;
    fail("wrong type", fmt::format("{} has no value '{}'; its values are {}", f.name, raw, fmt::join(f.values, ", ")), x.value_span);
}

const char* verdict_name(Tri t) { return t == Tri::yes ? "applies" : t == Tri::no ? "does_not_apply" : "undetermined"; }

Finding finding(const RuleBase::Data& d, const ConclusionInfo& c, const Evaluator::Outcome& o) {
    Finding f{c.id, c.kind, c.zh, c.en, verdict_name(o.verdict), {}, {}, {o.missing.begin(), o.missing.end()}, o.because,
              c.sentence_zh, c.sentence_en, c.steps};
    for (const rules::Rule* r : o.deciding) {
        f.rules.push_back(r->id);
        for (const auto& info : d.rules_of.at(r->concludes))
            if (info.ast == r)
                for (const auto& id : info.cites)
                    if (std::find(f.provisions.begin(), f.provisions.end(), id) == f.provisions.end()) f.provisions.push_back(id);
    }
    return f;
}

std::vector<const ConclusionInfo*> in_order(const RuleBase::Data& d) {
    static const std::vector<std::string> kinds{"crime", "aggravating", "mitigating", "procedure", "civil", "administrative", "exclusion", "circumstance"};
    std::vector<const ConclusionInfo*> out;
    for (const auto& [id, c] : d.conclusions) out.push_back(&c);
    std::sort(out.begin(), out.end(), [&](const ConclusionInfo* a, const ConclusionInfo* b) {
        const auto ka = std::find(kinds.begin(), kinds.end(), a->kind) - kinds.begin();
        const auto kb_ = std::find(kinds.begin(), kinds.end(), b->kind) - kinds.begin();
        return ka != kb_ ? ka < kb_ : a->seq < b->seq;
    });
    return out;
}

}  // namespace

Result RuleBase::apply(const ast::Apply& statement, const std::string& today) const {
    const Data& d = *data_;
    std::string date = today;
    const Facts facts = read_facts(d, statement, date);
    Evaluator eval(d, facts, date, statement.draft);
    Result r;
    r.kind = Result::Kind::apply;
    std::map<std::string, std::size_t> needed;
    std::vector<std::string> undetermined;
    for (const ConclusionInfo* c : in_order(d)) {
        const auto& o = eval.conclusion(c->id);
        r.findings.push_back(finding(d, *c, o));
        if (o.verdict == Tri::unknown) {
            undetermined.push_back(c->id);
            for (const auto& m : o.missing) ++needed[m];
        }
    }
    // Still needed: each missing fact, with what answering it would settle (booleans are tried both ways).
    for (const auto& [fact, count] : needed) {
        const FactInfo& info = d.facts.at(fact);
        NeededFact n{fact, info.zh, info.en, count, {}, {}};
        if (info.type == "boolean")
            for (bool value : {true, false}) {
                Facts more = facts;
                more[fact] = {value ? "true" : "false"};
                Evaluator what_if(d, more, date, statement.draft);
                for (const auto& id : undetermined)
                    if (what_if.conclusion(id).verdict == Tri::yes) (value ? n.if_true : n.if_false).push_back(id);
            }
        r.needed.push_back(std::move(n));
    }
    std::stable_sort(r.needed.begin(), r.needed.end(), [](const NeededFact& a, const NeededFact& b) { return a.settles > b.settles; });
    return r;
}

Result RuleBase::explain(const ast::ExplainConclusion& statement, const std::string& today) const {
    const Data& d = *data_;
    const auto it = d.conclusions.find(statement.conclusion);
    if (it == d.conclusions.end()) {
        std::vector<std::string> close;
        const std::u32string typed(statement.conclusion.begin(), statement.conclusion.end());
        for (const auto& [id, c] : d.conclusions)
            if (edit_distance(typed, std::u32string(id.begin(), id.end())) <= 3) close.push_back(id);
        fail("unknown conclusion", fmt::format("no conclusion named '{}'{}", statement.conclusion,
                                               close.empty() ? "" : fmt::format("; did you mean {}?", fmt::join(close, ", "))),
             statement.conclusion_span, close);
    }
    std::string date = today;
    const Facts facts = read_facts(d, statement.given, date);
    Evaluator eval(d, facts, date, statement.given.draft);
    Result r;
    r.kind = Result::Kind::explain_conclusion;
    r.findings.push_back(finding(d, it->second, eval.conclusion(it->first)));
    // The justification tree: conclusion → rules → conditions, with each part's value; full depth follows
    // derived concepts down to the facts.
    std::function<void(const std::string&, int)> tree = [&](const std::string& id, int depth) {
        const ConclusionInfo& c = d.conclusions.at(id);
        const auto& o = eval.conclusion(id);
        r.explanation.push_back(fmt::format("{}{} {} ({}) — {}", std::string(depth * 2, ' '), c.zh, c.en, id, verdict_name(o.verdict)));
        const auto rules = d.rules_of.find(id);
        if (rules == d.rules_of.end()) return;
        for (const RuleInfo& info : rules->second) {
            if (!eval.in_version(*info.ast)) continue;  // another version's rule did not count
            std::set<std::string> missing;
            const Tri when = info.ast->when ? eval.condition(*info.ast->when, missing) : Tri::no;
            r.explanation.push_back(fmt::format("{}rule {}{} cites {}: when {} — {}", std::string(depth * 2 + 2, ' '), info.ast->id,
                                                info.ast->negated ? " (concludes not)" : "", fmt::join(info.cites, ", "),
                                                rules::to_string(*info.ast->when), verdict_name(when)));
            if (info.ast->unless) {
                std::set<std::string> m;
                r.explanation.push_back(fmt::format("{}unless {} — {}", std::string(depth * 2 + 4, ' '),
                                                    rules::to_string(*info.ast->unless), verdict_name(eval.condition(*info.ast->unless, m))));
            }
            if (!missing.empty())
                r.explanation.push_back(fmt::format("{}still needed: {}", std::string(depth * 2 + 4, ' '), fmt::join(missing, ", ")));
            if (!statement.full || depth > 6) continue;
            std::set<std::string> used;
            std::function<void(const rules::Condition&)> names = [&](const rules::Condition& c) {
                if (const auto* n = std::get_if<rules::Name>(&c.node); n && d.conclusions.count(n->name)) used.insert(n->name);
                if (const auto* x = std::get_if<rules::Not>(&c.node)) names(*x->operand);
                if (const auto* x = std::get_if<rules::All>(&c.node)) for (const auto& o : x->operands) names(*o);
                if (const auto* x = std::get_if<rules::Any>(&c.node)) for (const auto& o : x->operands) names(*o);
            };
            names(*info.ast->when);
            for (const auto& sub : used) tree(sub, depth + 2);
        }
    };
    tree(it->first, 0);
    return r;
}

}  // namespace lexq::engine
