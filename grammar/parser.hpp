// Source text → AST. The only entry point of the grammar layer.
#pragma once

#include <cstddef>
#include <string_view>
#include <variant>

#include "ast.hpp"

namespace lexq::grammar {

// Named limits on what a statement may hold.
inline constexpr std::size_t max_nesting = 64;          // parentheses and NOT, counted together
inline constexpr std::size_t max_input_bytes = 1 << 20;  // one input to parse: a line, a -c argument, a check text

std::variant<ast::Script, ast::SyntaxError> parse(std::string_view text);

}  // namespace lexq::grammar
