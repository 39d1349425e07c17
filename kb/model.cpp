#include "model.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace lexq::kb {

const char* to_string(ZhStatus status) {
    switch (status) {
        case ZhStatus::verbatim: return "verbatim";
        case ZhStatus::unverified: return "unverified";
        case ZhStatus::partial: return "partial";
        case ZhStatus::missing: return "missing";
    }
    return "verbatim";
}

std::optional<ZhStatus> zh_status_from(const std::string& name) {
    for (auto s : {ZhStatus::verbatim, ZhStatus::unverified, ZhStatus::partial, ZhStatus::missing})
        if (name == to_string(s)) return s;
    return std::nullopt;
}

std::string ArticleNumber::str() const {
    return sub ? fmt::format("{}-{}", main, sub) : fmt::format("{}", main);
}

static std::optional<int> parse_positive(std::string_view s) {
    int value = 0;
    if (s.empty() || s.size() > 6 || s[0] == '0') return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
}

std::optional<ArticleNumber> parse_article_number(const std::string& text) {
    std::string_view s = text;
    auto dash = s.find('-');
    auto main = parse_positive(s.substr(0, dash));
    if (!main) return std::nullopt;
    if (dash == std::string_view::npos) return ArticleNumber{*main, 0};
    auto sub = parse_positive(s.substr(dash + 1));
    if (!sub) return std::nullopt;
    return ArticleNumber{*main, *sub};
}

bool Numbering::has(const ArticleNumber& n) const {
    if (n.sub == 0) return n.main >= 1 && n.main <= last;
    return std::find(inserted.begin(), inserted.end(), n) != inserted.end();
}

int heading_rank(const std::string& level) {
    if (level == "part" || level == "division") return 0;
    if (level == "chapter") return 1;
    if (level == "section") return 2;
    return -1;
}

std::string Diagnostic::str() const { return fmt::format("{}:{}: {}", file, line, message); }

}  // namespace lexq::kb
