// Chinese numerals in citations (二百四十六, 一千零三十二), both ways, through ICU's rule-based formatter (its
// spellings of 1…2000 tabled at build time).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lexq::kb {

// "246" or "二百四十六" → 246; nullopt for anything else or a value out of range.
std::optional<int> parse_number(std::string_view text);

// 246 → 二百四十六.
std::string chinese_number(int value);

// "253-1" → 第二百五十三条之一.
std::string chinese_article(std::string_view article);

}  // namespace lexq::kb
