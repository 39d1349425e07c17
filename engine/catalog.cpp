#include "catalog.hpp"

#include <algorithm>
#include <map>

#include <unicode/unistr.h>

#include "errors.hpp"
#include "tokenizer.hpp"

namespace lexq::engine {
namespace {

constexpr std::string_view prc_prefix = "中华人民共和国";

std::u32string code_points(const std::string& s) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    std::u32string out(static_cast<std::size_t>(u.countChar32()), U'\0');
    UErrorCode status = U_ZERO_ERROR;
    u.toUTF32(reinterpret_cast<UChar32*>(out.data()), static_cast<int32_t>(out.size()), status);
    return out;
}

std::vector<std::string> ids_named(const kb::Database& db, const std::string& folded) {
    auto find = db.prepare("SELECT DISTINCT instrument_id FROM instrument_name WHERE name = ?1 ORDER BY 1");
    find->bind(1, folded);
    std::vector<std::string> ids;
    while (find->step()) ids.push_back(find->text(0));
    return ids;
}

std::string short_title(const kb::Database& db, const std::string& id) {
    auto get = db.prepare("SELECT short_title_zh FROM instrument WHERE id = ?1");
    get->bind(1, id);
    return get->step() ? get->text(0) : id;
}

// Names close to `folded`: by edit distance, or containing it, or contained in it.
std::vector<std::string> suggestions(const kb::Database& db, const std::string& folded) {
    const std::u32string typed = code_points(folded);
    std::map<std::size_t, std::vector<std::string>> by_distance;
    auto all = db.prepare("SELECT name, instrument_id FROM instrument_name");
    while (all->step()) {
        const std::string name = all->text(0);
        const std::u32string candidate = code_points(name);
        std::size_t d = edit_distance(typed, candidate);
        // One name inside the other counts as close only when they are of comparable length.
        const bool comparable = std::min(typed.size(), candidate.size()) * 2 >= std::max(typed.size(), candidate.size());
        const bool related = comparable && (name.find(folded) != std::string::npos || folded.find(name) != std::string::npos);
        if (related) d = std::min<std::size_t>(d, 1);
        if (d <= std::max<std::size_t>(1, typed.size() / 3)) by_distance[d].push_back(short_title(db, all->text(1)));
    }
    std::vector<std::string> out;
    for (auto& [d, names] : by_distance)
        for (auto& n : names)
            if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    if (out.size() > 5) out.resize(5);
    return out;
}

// A name shared by versions of one instrument (治安管理处罚法 2012 and 2025, the draft and final Opinions)
// means the version in force; names shared by unrelated instruments stay ambiguous.
std::vector<std::string> in_force_version(const kb::Database& db, const std::vector<std::string>& ids) {
    std::vector<std::string> in_force;
    for (const auto& id : ids) {
        auto get = db.prepare("SELECT status FROM instrument WHERE id = ?1");
        get->bind(1, id);
        if (get->step() && get->text(0) == "in_force") in_force.push_back(id);
    }
    if (in_force.size() != 1) return ids;
    for (const auto& id : ids) {
        if (id == in_force.front()) continue;
        auto linked = db.prepare("WITH RECURSIVE newer(id) AS (SELECT ?1 UNION SELECT v.newer FROM version_link v JOIN newer"
                                 " ON v.older = newer.id) SELECT 1 FROM newer WHERE id = ?2");
        linked->bind(1, id).bind(2, in_force.front());
        if (!linked->step()) return ids;  // not an older version of the one in force
    }
    return in_force;
}

}  // namespace

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string resolve_instrument(const kb::Database& db, const std::string& name, const ast::Span& span) {
    const std::string folded = kb::fold(name);
    auto ids = ids_named(db, folded);
    if (ids.empty() && folded.starts_with(prc_prefix)) ids = ids_named(db, folded.substr(prc_prefix.size()));
    if (ids.size() > 1) ids = in_force_version(db, ids);
    if (ids.size() == 1) return ids.front();
    if (ids.empty()) {
        auto close = suggestions(db, folded);
        std::string hint = close.empty() ? "" : fmt::format("; did you mean {}?", fmt::join(close, ", "));
        fail("unknown instrument", fmt::format("no instrument named '{}' in the knowledge base{}", name, hint), span,
             close);
    }
    std::vector<std::string> titles;
    for (const auto& id : ids) titles.push_back(fmt::format("{} ({})", short_title(db, id), id));
    fail("ambiguous instrument", fmt::format("'{}' names several instruments: {}", name, fmt::join(titles, ", ")),
         span, titles);
}

}  // namespace lexq::engine
