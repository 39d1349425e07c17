// Citations found in running text (statute texts, a user's document): what each one says, before any
// lookup. Resolution (which provision, which version) is the knowledge base's business.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast.hpp"

namespace lexq::cite {

// Instrument names known to the knowledge base, for finding where a name ends or begins in text.
class NameIndex {
public:
    virtual ~NameIndex() = default;
    // Bytes of the longest name that `before` ends with (Chinese: 刑法 in 根据刑法), 0 for none.
    virtual std::size_t longest_suffix(std::string_view before) const = 0;
    // Bytes of the longest name that `after` starts with (English: Criminal Law in "the Criminal Law …").
    virtual std::size_t longest_prefix(std::string_view after) const = 0;
};

// Who the citation names.
enum class Scope {
    named,              // 刑法…, 《意见》…, Article 246 of the Criminal Law, CL 246
    this_instrument,    // 本法 本解释 本规定 本意见
    this_article,       // 本条…
    this_paragraph,     // 本款…
    previous_paragraphs,// 前款, 前两款, 前三款
    previous_article,   // 前条…
    unqualified,        // 第二百四十六条… or 第一款… with nothing before: the text's own instrument/article
};

// One element of a list: any of article, paragraph, item; missing levels come from the element before
// it, or from the scope.
struct Element {
    std::optional<ast::Number> article;
    std::optional<ast::Number> article_sub;  // 之一 → 一
    std::optional<ast::Number> paragraph;
    std::optional<ast::Number> item;
    bool range_from_previous = false;        // 第A条至第B条: this element ends a range
};

struct Citation {
    ast::Span span;
    Scope scope = Scope::named;
    std::string instrument;  // as written, for Scope::named
    std::string version_year;  // 2012年治安管理处罚法, 治安管理处罚法（2012）
    bool canonical = false;    // written as a lexq id: CL 246(2)
    int previous_count = 1;    // 前两款 → 2
    std::vector<Element> elements;
};

std::vector<Citation> scan(std::string_view text, const NameIndex& names);

// A citation typed on its own (show, a gold line): whatever stands before 第… or after "of the" is the
// instrument's name, known or not, so that an unknown name is reported rather than ignored.
std::vector<Citation> scan_typed(std::string_view text, const NameIndex& names);

}  // namespace lexq::cite
