// Citations → provisions: the `show` statement's lookup.
#pragma once

#include "ast.hpp"
#include "citations.hpp"
#include "lexq/lexq.hpp"
#include "sqlite.hpp"

namespace lexq::engine {

// `show`: the article, paragraph or item a citation names, with its parts, or a whole instrument with its
// articles; fails with "no such provision" or an instrument error.
Result show(const kb::Database& db, const kb::Catalog& catalog, const ast::Citation& citation);

// The article, paragraph or item of instrument `id` that the citation names.
Provision resolve_citation(const kb::Database& db, const std::string& id, const ast::Citation& citation);

Instrument load_instrument(const kb::Database& db, const std::string& id);

// An article by its database row, without parts (search hits).
Provision article_by_rowid(const kb::Database& db, long long rowid);

}  // namespace lexq::engine
