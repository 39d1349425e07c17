// The citation graph: refs, citedby and check, and the citations shown with a provision.
#pragma once

#include "ast.hpp"
#include "citations.hpp"
#include "lexq/lexq.hpp"
#include "sqlite.hpp"

namespace lexq::engine {

inline constexpr int max_depth = 5;  // citedby depth:N

Result refs(const kb::Database& db, const kb::Catalog& catalog, const ast::Citation& citation);
Result cited_by(const kb::Database& db, const kb::Catalog& catalog, const ast::CitedBy& statement);
Result check(const kb::Catalog& catalog, const ast::Check& statement, const std::string& today);

// Attaches to each paragraph and item of `p` the citations in its texts.
void attach_citations(const kb::Database& db, Provision& p);

std::string today();

}  // namespace lexq::engine
