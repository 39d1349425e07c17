// Source text → AST. The only entry point of the grammar layer.
#pragma once

#include <string_view>
#include <variant>

#include "ast.hpp"

namespace lexq::grammar {

// Named limits on what a statement may hold.
inline constexpr std::size_t max_nesting = 64;  // parentheses and NOT, counted together

std::variant<ast::Script, ast::SyntaxError> parse(std::string_view text);

}  // namespace lexq::grammar
