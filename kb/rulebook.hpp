// The rules (kb/rules/): the facts vocabulary and the rule files, checked against each other and the
// corpus, and written into the knowledge base.
#pragma once

#include <string>
#include <vector>

#include "model.hpp"
#include "rule_ast.hpp"
#include "sqlite.hpp"

namespace lexq::kb {

struct RuleSourceFile {
    std::string path;
    std::string text;
    rules::RuleFile parsed;
};

struct RuleBook {
    std::vector<FactDef> facts;
    std::vector<RuleSourceFile> files;
    std::string facts_path;
};

// Reads facts.toml and every *.rules file of a directory; problems go to `out` as file:line: message.
RuleBook load_rulebook(const std::string& directory, Diagnostics& out);

// Checks names, types and values in conditions, conclusions, and that no conclusion depends on itself.
void validate_rulebook(const RuleBook& book, Diagnostics& out);

// Writes the rules into a database that already holds the corpus (citations are resolved against it);
// problems with citations go to `out`.
void write_rulebook(Database& db, const RuleBook& book, Diagnostics& out);

}  // namespace lexq::kb
