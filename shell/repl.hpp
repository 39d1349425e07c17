// The interactive loop: libedit line editing with persistent history.
#pragma once

#include "session.hpp"

namespace lexq::shell {

int run_interactive(Session& session);

}  // namespace lexq::shell
