#include "t2s.hpp"

#include <algorithm>
#include <iterator>

#include <unicode/utf8.h>

namespace lexq::kb {
namespace {

struct Mapping {
    char32_t from;
    const char* to;
};

constexpr Mapping table[] = {
#include "t2s_table.inc"
};

}  // namespace

std::string simplified_ideographs(std::string_view text) {
    std::string out;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        const auto* m = std::lower_bound(std::begin(table), std::end(table), static_cast<char32_t>(c),
                                         [](const Mapping& a, char32_t b) { return a.from < b; });
        if (c >= 0 && m != std::end(table) && m->from == static_cast<char32_t>(c))
            out += m->to;
        else
            out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

}  // namespace lexq::kb
