// Instruments by name: resolves what users type (刑法, 《中华人民共和国刑法》, CL) to an instrument id.
#pragma once

#include <string>
#include <vector>

#include "ast.hpp"
#include "sqlite.hpp"

namespace lexq::engine {

// Returns the id of the instrument `name` denotes; fails with "unknown instrument" (with suggestions)
// or "ambiguous instrument".
std::string resolve_instrument(const kb::Database& db, const std::string& name, const ast::Span& span);

// Edit distance in code points, for "did you mean".
std::size_t edit_distance(std::u32string_view a, std::u32string_view b);

}  // namespace lexq::engine
