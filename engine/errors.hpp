// Errors inside the engine are exceptions carrying the public Error; run() turns them into values.
#pragma once

#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "lexq/lexq.hpp"
#include "ast.hpp"

namespace lexq::engine {

struct Failure : std::runtime_error {
    explicit Failure(Error e) : std::runtime_error(e.message), error(std::move(e)) {}
    Error error;
};

[[noreturn]] inline void fail(std::string kind, std::string message, const ast::Span& span,
                              std::vector<std::string> suggestions = {}) {
    throw Failure(Error{std::move(kind), std::move(message), span.offset, span.length, std::move(suggestions)});
}

}  // namespace lexq::engine
