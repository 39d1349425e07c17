// A search statement made ready to run: options taken out as filters, the rest compiled to an FTS5
// expression that finds every match (a superset where proximity needs checking on the text).
#pragma once

#include <string>
#include <vector>

#include "ast.hpp"
#include "sqlite.hpp"

namespace lexq::engine {

struct Filters {
    std::vector<std::string> instruments;  // ids
    std::vector<std::string> kinds;
    std::vector<std::string> statuses;     // empty: every status
    std::string date;                      // versions in force on this date
    std::size_t limit = 20;
    std::size_t offset = 0;
    std::string sql;     // the WHERE conditions, with ?2… parameters
    std::vector<std::string> parameters;
    std::string describe() const;
};

// Named limits of a search.
inline constexpr std::size_t max_limit = 1000;
inline constexpr std::size_t max_terms = 1024;

struct Plan {
    const ast::Query* query = nullptr;  // the query without its options
    Filters filters;
    std::string match;   // FTS5 MATCH expression
    bool exact = false;  // proximity connectors: candidates are checked by the matcher
    std::vector<std::string> runs;  // Chinese runs read as their words: an article holding a run whole ranks first
};

// Takes the options out of `query` (which keeps the rest) and compiles it; fails with "invalid query"
// naming the offending span.
Plan plan_search(const kb::Database& db, ast::QueryPtr& query);

}  // namespace lexq::engine
