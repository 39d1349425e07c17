// Traditional → Simplified for single ideographs (誹 → 诽), from a table generated from ICU at build time.
#pragma once

#include <string>
#include <string_view>

namespace lexq::kb {

// Each code point of `text` Simplified where ICU's Traditional-Simplified transliterator would change it on
// its own; other code points as they are.
std::string simplified_ideographs(std::string_view text);

}  // namespace lexq::kb
