#include "numerals.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <memory>
#include <unordered_map>

#include <unicode/rbnf.h>
#include <unicode/unistr.h>

namespace lexq::kb {
namespace {

inline constexpr int max_number = 99999;

const icu::RuleBasedNumberFormat& spellout() {
    // One formatter per thread: ICU formatters are not safe to share between threads.
    thread_local const std::unique_ptr<icu::RuleBasedNumberFormat> format = [] {
        UErrorCode status = U_ZERO_ERROR;
        auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("zh"), status);
        return U_SUCCESS(status) ? std::move(f) : nullptr;
    }();
    return *format;
}

// ICU's spell-out of 1…size, made at build time (lexq-gen-numerals): nearly every article, paragraph and
// item number, without building ICU's formatter.
constexpr const char* tabled[] = {
#include "numerals_table.inc"
};
constexpr int tabled_count = static_cast<int>(std::size(tabled));

// The tabled value spelled `spelled`, or 一 + `spelled`: the same two forms parse_spelled accepts from ICU;
// 0 when neither is tabled.
int tabled_value(const std::string& spelled) {
    thread_local const std::unordered_map<std::string_view, int> values = [] {
        std::unordered_map<std::string_view, int> out;
        for (int n = 1; n <= tabled_count; ++n) out.emplace(tabled[n - 1], n);
        return out;
    }();
    for (const std::string& form : {spelled, "一" + spelled})
        if (auto it = values.find(form); it != values.end()) return it->second;
    return 0;
}

std::optional<int> parse_spelled(std::string_view text) {
    icu::UnicodeString spelled = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    spelled.findAndReplace(u"〇", u"零");
    std::string normalised;
    spelled.toUTF8String(normalised);
    if (const int value = tabled_value(normalised)) return value;
    icu::Formattable result;
    icu::ParsePosition position(0);
    spellout().parse(spelled, result, position);
    if (position.getIndex() != spelled.length()) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    const int64_t value = result.getInt64(status);
    if (U_FAILURE(status) || value < 1 || value > max_number) return std::nullopt;
    // ICU's parse is lenient ("二四六" reads as 246); accept only the canonical spelling.
    const std::string canonical = chinese_number(static_cast<int>(value));
    if (canonical != normalised && canonical != "一" + normalised)
        return std::nullopt;
    return static_cast<int>(value);
}

// Whether the text has only the characters a canonical spelling up to max_number uses (九万九千九百九十九
// is the longest), so that other text never reaches ICU's slow parse.
bool spelled_with_numerals(std::string_view text) {
    constexpr std::string_view numerals[] = {"零", "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万"};
    constexpr std::size_t longest = 9 * 3;
    if (text.size() > longest || text.size() % 3 != 0) return false;
    for (std::size_t i = 0; i < text.size(); i += 3)
        if (std::find(std::begin(numerals), std::end(numerals), text.substr(i, 3)) == std::end(numerals)) return false;
    return true;
}

}  // namespace

std::optional<int> parse_number(std::string_view text) {
    if (text.empty()) return std::nullopt;
    if (text[0] >= '0' && text[0] <= '9') {
        int value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > max_number) return std::nullopt;
        return value;
    }
    if (!spelled_with_numerals(text)) return std::nullopt;  // prose after 第…: no need to ask ICU
    // ICU's rule-based parse is slow, and a statute spells the same few hundred numbers again and again.
    thread_local std::unordered_map<std::string, std::optional<int>> cache;
    if (auto it = cache.find(std::string(text)); it != cache.end()) return it->second;
    if (cache.size() > 100000) cache.clear();  // bounded, whatever the input
    return cache.emplace(std::string(text), parse_spelled(text)).first->second;
}

std::string chinese_number(int value) {
    if (value >= 1 && value <= tabled_count) return tabled[value - 1];
    icu::UnicodeString spelled;
    spellout().format(static_cast<int32_t>(value), spelled);
    spelled.findAndReplace(u"〇", u"零");  // ICU spells 101 一百〇一; statutes write 一百零一
    std::string out;
    spelled.toUTF8String(out);
    return out;
}

std::string chinese_article(std::string_view article) {
    auto dash = article.find('-');
    auto main = parse_number(article.substr(0, dash));
    if (!main) return std::string(article);
    std::string out = "第" + chinese_number(*main) + "条";
    if (dash != std::string_view::npos)
        if (auto sub = parse_number(article.substr(dash + 1))) out += "之" + chinese_number(*sub);
    return out;
}

}  // namespace lexq::kb
