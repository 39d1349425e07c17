// Search queries → FTS5 MATCH expressions → ranked article hits.
#pragma once

#include <string>

#include "ast.hpp"
#include "lexq/lexq.hpp"
#include "sqlite.hpp"

namespace lexq::engine {

inline constexpr int search_limit = 50;

// The FTS5 expression for a query; user text only ever appears inside FTS5 string literals.
// Fails with "invalid query" for what FTS5 cannot express (a query of NOT alone).
std::string to_match(const ast::Query& query);

Result run_search(const kb::Database& db, const ast::Query& query);

}  // namespace lexq::engine
