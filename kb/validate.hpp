// Checks that need more than one key: numbering, text status, heading ranges, links between files.
#pragma once

#include <vector>

#include "model.hpp"

namespace lexq::kb {

void validate(const Instrument& instrument, Diagnostics& out);
void validate_links(const std::vector<Instrument>& corpus, Diagnostics& out);

}  // namespace lexq::kb
