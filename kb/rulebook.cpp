#include "rulebook.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "citations.hpp"
#include "reader.hpp"
#include "schema.hpp"
#include "tokenizer.hpp"

namespace lexq::kb {
namespace {

constexpr const char* kinds[] = {"crime", "circumstance", "aggravating", "mitigating", "procedure", "civil", "administrative", "exclusion"};
constexpr const char* types[] = {"boolean", "integer", "enum", "set", "date"};

bool one_of(const std::string& s, const auto& list) {
    return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return s == x; });
}

bool is_number(const std::string& s) {
    return !s.empty() && std::all_of(s.begin() + (s[0] == '-'), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Checker {
public:
    Checker(const RuleBook& book, Diagnostics& out) : book_(book), out_(out) {
        for (const FactDef& f : book.facts) facts_[f.name] = &f;
        for (const auto& file : book.files)
            for (const auto& c : file.parsed.conclusions) conclusions_[c.id] = &c;
    }

    void run() {
        facts();
        for (const auto& file : book_.files) {
            file_ = &file;
            for (const auto& c : file.parsed.conclusions) conclusion(c);
            for (const auto& r : file.parsed.rules) rule(r);
        }
        cycles();
    }

private:
    void error(const std::string& path, int line, std::string message) { out_.push_back({path, line, std::move(message)}); }

    void facts() {
        std::set<std::string> seen;
        for (const FactDef& f : book_.facts) {
            if (!seen.insert(f.name).second) error(book_.facts_path, f.line, fmt::format("duplicate fact '{}'", f.name));
            if (!one_of(f.type, types))
                error(book_.facts_path, f.line, fmt::format("fact '{}': type must be boolean, integer, enum, set or date", f.name));
            const bool valued = f.type == "enum" || f.type == "set";
            if (valued != !f.values.empty())
                error(book_.facts_path, f.line, fmt::format("fact '{}': enum and set facts, and only they, list values", f.name));
        }
    }

    void conclusion(const rules::Conclusion& c) {
        if (!one_of(c.kind, kinds)) error(file_->path, c.line, fmt::format("conclusion '{}': unknown kind '{}'", c.id, c.kind));
        if (c.zh.empty() || c.en.empty()) error(file_->path, c.line, fmt::format("conclusion '{}' needs zh and en names", c.id));
        if (facts_.count(c.id)) error(file_->path, c.line, fmt::format("conclusion '{}' has the name of a fact", c.id));
        if (++defined_[c.id] == 2) error(file_->path, c.line, fmt::format("duplicate conclusion '{}'", c.id));
    }

    void rule(const rules::Rule& r) {
        if (!rule_ids_.insert(r.id).second) error(file_->path, r.line, fmt::format("duplicate rule '{}'", r.id));
        if (!conclusions_.count(r.concludes)) error(file_->path, r.line, fmt::format("rule '{}' concludes unknown '{}'", r.id, r.concludes));
        if (!r.when) error(file_->path, r.line, fmt::format("rule '{}' has no when", r.id));
        if (r.cites.empty()) error(file_->path, r.line, fmt::format("rule '{}' cites no provision", r.id));
        if (r.when) condition(*r.when, r);
        if (r.unless) condition(*r.unless, r);
    }

    void condition(const rules::Condition& c, const rules::Rule& r) {
        if (const auto* x = std::get_if<rules::Compare>(&c.node)) return compare(*x, c.line);
        if (const auto* n = std::get_if<rules::Name>(&c.node)) {
            const auto f = facts_.find(n->name);
            if (f != facts_.end() && f->second->type != "boolean")
                error(file_->path, c.line, fmt::format("'{}' is a {} fact: compare it, as in {} = …", n->name, f->second->type, n->name));
            else if (f == facts_.end() && !conclusions_.count(n->name))
                error(file_->path, c.line, fmt::format("unknown fact or conclusion '{}'", n->name));
            else if (f == facts_.end())
                depends_[r.concludes].insert(n->name);
            return;
        }
        if (const auto* x = std::get_if<rules::Not>(&c.node)) return condition(*x->operand, r);
        if (const auto* x = std::get_if<rules::All>(&c.node))
            for (const auto& o : x->operands) condition(*o, r);
        if (const auto* x = std::get_if<rules::Any>(&c.node))
            for (const auto& o : x->operands) condition(*o, r);
    }

    void compare(const rules::Compare& x, int line) {
        const auto it = facts_.find(x.fact);
        if (it == facts_.end()) return error(file_->path, line, fmt::format("unknown fact '{}'", x.fact));
        const FactDef& f = *it->second;
        const bool ordered = x.op == ">" || x.op == ">=" || x.op == "<" || x.op == "<=";
        if (ordered && f.type != "integer" && f.type != "date")
            return error(file_->path, line, fmt::format("'{}' is a {} fact: {} needs an integer or a date", f.name, f.type, x.op));
        if (x.op == "has" && f.type != "set") return error(file_->path, line, fmt::format("'{}' is not a set: has needs a set fact", f.name));
        if (x.op == "in" && f.type != "enum") return error(file_->path, line, fmt::format("'{}' is not an enum: in needs an enum fact", f.name));
        for (const std::string& v : x.values) {
            if (f.type == "integer" && !is_number(v)) error(file_->path, line, fmt::format("'{}' takes a number, not '{}'", f.name, v));
            if (f.type == "boolean" && v != "true" && v != "false") error(file_->path, line, fmt::format("'{}' takes true or false, not '{}'", f.name, v));
            if ((f.type == "enum" || f.type == "set") &&
                std::none_of(f.values.begin(), f.values.end(), [&](const FactValue& fv) { return fv.name == v; }))
                error(file_->path, line, fmt::format("'{}' has no value '{}'", f.name, v));
        }
    }

    // Stratification: no conclusion depends on itself through the rules that conclude it.
    void cycles() {
        std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done
        std::vector<std::string> path;
        std::function<void(const std::string&)> visit = [&](const std::string& id) {
            if (state[id] == 2) return;
            if (state[id] == 1) {
                const auto from = std::find(path.begin(), path.end(), id);
                std::vector<std::string> loop(from, path.end());
                loop.push_back(id);
                const auto* c = conclusions_.count(id) ? conclusions_.at(id) : nullptr;
                error(file_of(id), c ? c->line : 0, fmt::format("conclusions depend on themselves: {}", fmt::join(loop, " → ")));
                return;
            }
            state[id] = 1;
            path.push_back(id);
            for (const auto& next : depends_[id]) visit(next);
            path.pop_back();
            state[id] = 2;
        };
        for (const auto& [id, c] : conclusions_) visit(id);
    }

    std::string file_of(const std::string& conclusion) const {
        for (const auto& f : book_.files)
            for (const auto& c : f.parsed.conclusions)
                if (c.id == conclusion) return f.path;
        return book_.facts_path;
    }

    const RuleBook& book_;
    Diagnostics& out_;
    const RuleSourceFile* file_ = nullptr;
    std::map<std::string, const FactDef*> facts_;
    std::map<std::string, const rules::Conclusion*> conclusions_;
    std::map<std::string, int> defined_;
    std::set<std::string> rule_ids_;
    std::map<std::string, std::set<std::string>> depends_;
};

}  // namespace

RuleBook load_rulebook(const std::string& directory, Diagnostics& out) {
    RuleBook book;
    book.facts_path = (std::filesystem::path(directory) / "facts.toml").string();
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        if (entry.path().extension() == ".rules") paths.push_back(entry.path().string());
    if (paths.empty() && !std::filesystem::exists(book.facts_path)) return book;  // no rules yet
    book.facts = read_facts(book.facts_path, out);
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        std::string text = read_file(path).value_or("");
        if (int line = first_invalid_utf8_line(text)) {
            out.push_back({path, line, "invalid UTF-8"});
            continue;
        }
        auto parsed = rules::parse_rules(text);
        if (auto* e = std::get_if<rules::RuleError>(&parsed)) {
            out.push_back({path, e->line, e->message});
            continue;
        }
        book.files.push_back({path, std::move(text), std::move(std::get<rules::RuleFile>(parsed))});
    }
    return book;
}

void validate_rulebook(const RuleBook& book, Diagnostics& out) { Checker(book, out).run(); }

void write_rulebook(Database& db, const RuleBook& book, Diagnostics& out) {
    const Catalog catalog(db);
    Statement fact(db.handle(), "INSERT INTO fact VALUES(?1,?2,?3,?4,?5)");
    Statement value(db.handle(), "INSERT INTO fact_value VALUES(?1,?2,?3,?4,?5)");
    Statement name(db.handle(), "INSERT OR IGNORE INTO fact_name VALUES(?1,?2,?3)");
    int seq = 0;
    for (const FactDef& f : book.facts) {
        fact.bind(1, f.name).bind(2, f.type).bind(3, f.zh).bind(4, f.en).bind(5, seq++).run();
        for (const std::string& n : std::vector<std::string>{f.name, f.zh, f.en})
            name.bind(1, fold(n)).bind(2, f.name).bind(3, "").run();
        for (const auto& s : f.synonyms) name.bind(1, fold(s)).bind(2, f.name).bind(3, "").run();
        int vseq = 0;
        for (const FactValue& v : f.values) {
            value.bind(1, f.name).bind(2, v.name).bind(3, v.zh).bind(4, v.en).bind(5, vseq++).run();
            for (const std::string& n : std::vector<std::string>{v.name, v.zh, v.en})
                name.bind(1, fold(n)).bind(2, f.name).bind(3, v.name).run();
            for (const auto& s : v.synonyms) name.bind(1, fold(s)).bind(2, f.name).bind(3, v.name).run();
        }
    }
    Statement conclusion(db.handle(), "INSERT INTO conclusion VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    Statement rule(db.handle(), "INSERT INTO rule VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    Statement cite(db.handle(), "INSERT INTO rule_cite VALUES(?1,?2,?3,?4)");
    Statement source(db.handle(), "INSERT INTO rule_file VALUES(?1,?2)");
    seq = 0;
    for (const auto& file : book.files) {
        const std::string base = std::filesystem::path(file.path).filename().string();
        source.bind(1, base).bind(2, file.text).run();
        for (const auto& c : file.parsed.conclusions) {
            std::string steps;
            for (const auto& s : c.steps) {
                steps += std::to_string(s.number);
                for (const auto& a : s.attributes) steps += "\t" + a.key + "=" + a.value;
                steps += "\n";
            }
            conclusion.bind(1, c.id).bind(2, c.kind).bind(3, c.zh).bind(4, c.en).bind(5, c.sentence_zh).bind(6, c.sentence_en);
            conclusion.bind(7, steps).bind(8, seq++).run();
        }
        for (const auto& r : file.parsed.rules) {
            rule.bind(1, r.id).bind(2, r.concludes).bind(3, r.negated ? 1 : 0).bind(4, r.version).bind(5, base);
            rule.bind(6, r.line).bind(7, r.when ? rules::to_string(*r.when) : "").bind(8, r.unless ? rules::to_string(*r.unless) : "").run();
            int cseq = 0;
            for (const std::string& text : r.cites) {
                const auto found = cite::scan_typed(text, catalog);
                const auto res = found.size() == 1 ? resolve(catalog, found.front(), {"", 0, 0, 0, "9999-12-31"}) : Resolution{};
                const bool ok = found.size() == 1 && (res.status == "resolved" || res.status == "superseded") && found.front().span.length == text.size();
                if (!ok) {
                    out.push_back({file.path, r.line, fmt::format("rule '{}' cites '{}', which is not a provision in the knowledge base{}",
                                                                 r.id, text, res.message.empty() ? "" : ": " + res.message)});
                    continue;
                }
                for (const auto& t : res.targets) cite.bind(1, r.id).bind(2, cseq++).bind(3, t).bind(4, t.substr(0, t.find('('))).run();
            }
        }
    }
}

}  // namespace lexq::kb
