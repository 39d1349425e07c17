// search and explain search: plan, candidates from FTS5, exact checks, ranking, snippets, paging.
#pragma once

#include "ast.hpp"
#include "lexq/lexq.hpp"
#include "sqlite.hpp"
#include "tokenizer.hpp"

namespace lexq::engine {

// How many of the best bm25 candidates are re-ranked for whole-word matches.
inline constexpr std::size_t rerank_window = 200;

Result run_search(const kb::Database& db, const kb::IndexTokenizer& tokenizer, ast::QueryPtr& query);
Result explain_search(const kb::Database& db, ast::QueryPtr& query);

}  // namespace lexq::engine
