// A knowledge base read back into the corpus and rules it was compiled from, so that statutes can be
// imported into an existing database: read it, add the import, and compile the whole again.
#pragma once

#include <vector>

#include "model.hpp"
#include "rulebook.hpp"
#include "sqlite.hpp"

namespace lexq::kb {

struct KnowledgeBase {
    std::vector<Instrument> corpus;
    RuleBook rules;
};

// Everything write_database wrote, so that writing it again gives the same tables. Throws SqliteError on a
// database that is not a lexq knowledge base, and std::runtime_error on one of another schema version or
// whose rule files no longer parse.
KnowledgeBase load_knowledge_base(const Database& db);

}  // namespace lexq::kb
