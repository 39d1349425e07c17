// lexq serve --stdio: a JSON-lines protocol, so any language can drive lexq as a subprocess (docs/server.md).
#pragma once

#include <iosfwd>

#include "lexq/lexq.hpp"

namespace lexq::shell {

// Answers each request line of `in` with exactly one response line on `out`, flushed, until the end of
// `in`. A malformed request gives an error response and never stops the loop; blank lines are ignored.
// Returns 0 at the end of input, 2 when `out` can no longer be written.
int serve_stdio(Engine& engine, std::istream& in, std::ostream& out);

}  // namespace lexq::shell
