// Citations → provisions: the `show` statement's lookup.
#pragma once

#include "ast.hpp"
#include "lexq/lexq.hpp"
#include "sqlite.hpp"

namespace lexq::engine {

// The article, paragraph or item the citation names, with its parts; fails with "no such provision".
Provision resolve_citation(const kb::Database& db, const ast::Citation& citation);

// An article by its database row, without parts (search hits).
Provision article_by_rowid(const kb::Database& db, long long rowid);

}  // namespace lexq::engine
