#include <algorithm>
#include <array>
#include <cctype>

#include <tao/pegtl.hpp>

#include "cite.hpp"

namespace lexq::cite {
namespace {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// ---- Rules: the numbered part of a citation (第…条…款…项, Article 246(2) …) -----------------------------
struct cn_digit : utf8::one<U'零', U'〇', U'一', U'二', U'三', U'四', U'五', U'六', U'七', U'八', U'九', U'十', U'百', U'千'> {};
struct cn_number : sor<plus<digit>, plus<cn_digit>> {};
struct di : utf8::one<U'第'> {};
struct bracket_open : sor<one<'('>, utf8::one<U'（'>> {};
struct bracket_close : sor<one<')'>, utf8::one<U'）'>> {};
struct zh_article : seq<di, cn_number, utf8::one<U'条'>, opt<utf8::one<U'之'>, cn_number>> {};
struct zh_unit : seq<di, sor<seq<bracket_open, cn_number, bracket_close>, cn_number>, utf8::one<U'款', U'项'>> {};
struct zh_bare_item : seq<utf8::one<U'（'>, cn_number, utf8::one<U'）'>, utf8::one<U'项'>> {};  // （一）项 in a list
struct zh_element : sor<seq<zh_article, star<zh_unit>>, plus<zh_unit>> {};
struct zh_range_end : zh_element {};
struct zh_list_next : sor<zh_element, zh_bare_item> {};
struct zh_sep : sor<utf8::string<U'以', U'及'>, utf8::string<U'或', U'者'>, utf8::one<U'、', U'和', U'及', U'或'>> {};
struct zh_chain : seq<zh_element, star<sor<seq<utf8::one<U'至'>, zh_range_end>, seq<zh_sep, zh_list_next>>>> {};

struct en_main : plus<digit> {};
struct en_sub : plus<digit> {};
struct en_paragraph : plus<digit> {};
struct en_item : plus<digit> {};
struct en_numref : seq<en_main, opt<one<'-'>, en_sub>,
                       opt<one<'('>, en_paragraph, one<')'>, opt<one<'('>, en_item, one<')'>>>> {};
struct en_range_mark : sor<utf8::one<U'–', U'—'>, string<' ', 't', 'o', ' '>> {};
struct en_range_end : en_numref {};
struct en_list_next : en_numref {};
struct en_sep : sor<string<',', ' ', 'a', 'n', 'd', ' '>, string<',', ' '>, string<' ', 'a', 'n', 'd', ' '>,
                    string<' ', 'o', 'r', ' '>> {};
struct en_chain : seq<en_numref, star<sor<seq<en_range_mark, en_range_end>, seq<en_sep, en_list_next>>>> {};
struct en_article_word : sor<istring<'a', 'r', 't', 'i', 'c', 'l', 'e', 's'>, istring<'a', 'r', 't', 'i', 'c', 'l', 'e'>,
                             istring<'a', 'r', 't', 's', '.'>, istring<'a', 'r', 't', '.'>> {};
struct en_of_paragraph : seq<istring<'p', 'a', 'r', 'a', 'g', 'r', 'a', 'p', 'h', ' '>, en_paragraph, string<' ', 'o', 'f', ' '>> {};
struct en_of_item : seq<istring<'i', 't', 'e', 'm', ' ', '('>, en_item, string<')', ' ', 'o', 'f', ' '>> {};
// "the second paragraph of Article 246": an ordinal paragraph, as some translations write it.
struct en_ordinal : sor<istring<'f', 'i', 'r', 's', 't'>, istring<'s', 'e', 'c', 'o', 'n', 'd'>, istring<'t', 'h', 'i', 'r', 'd'>,
                        istring<'f', 'o', 'u', 'r', 't', 'h'>, istring<'f', 'i', 'f', 't', 'h'>> {};
struct en_ordinal_paragraph : seq<opt<istring<'t', 'h', 'e', ' '>>, en_ordinal, string<' ', 'p', 'a', 'r', 'a', 'g', 'r', 'a', 'p', 'h', ' ', 'o', 'f', ' '>> {};
struct en_units_first : seq<opt<en_of_item>, opt<sor<en_of_paragraph, en_ordinal_paragraph>>> {};
// "Article 246, paragraph 1, item (2)" and "…, items (1) and (2)": units written after the article.
struct en_tail_paragraph : plus<digit> {};
struct en_tail_item : plus<digit> {};
struct en_tail_item_next : plus<digit> {};
struct en_tail : seq<opt<string<',', ' ', 'p', 'a', 'r', 'a', 'g', 'r', 'a', 'p', 'h', ' '>, en_tail_paragraph>,
                     opt<sor<string<',', ' ', 'i', 't', 'e', 'm', 's', ' ', '('>, string<',', ' ', 'i', 't', 'e', 'm', ' ', '('>>,
                         en_tail_item, one<')'>,
                         star<sor<string<' ', 'a', 'n', 'd', ' ', '('>, string<',', ' ', '('>>, en_tail_item_next, one<')'>>>> {};
struct en_citation : seq<en_units_first, en_article_word, plus<one<' '>>, en_chain, en_tail> {};

// ---- Actions: build the elements of one citation ------------------------------------------------------
struct Builder {
    std::size_t base = 0;  // offset of the parsed input in the whole text
    std::vector<Element> elements;
    std::optional<ast::Number> outer_paragraph, outer_item;  // "paragraph 2 of Article …"
    bool range_next = false;

    ast::Number number(std::string text, std::size_t offset) { return {std::move(text), {base + offset, 0}}; }
    Element& fresh(bool range) {
        elements.push_back({});
        elements.back().range_from_previous = range;
        return elements.back();
    }
};

template <typename Rule>
struct action : nothing<Rule> {};

// Numbers are read back from the matched text: an action fires only once its rule matched whole.
std::pair<std::string, std::size_t> number_at(std::string_view s, std::size_t from) {
    const auto is_number_byte = [&](std::size_t i) {
        if (i >= s.size()) return false;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= '0' && c <= '9') return true;
        for (std::string_view d : {"零", "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千"})
            if (s.substr(i, d.size()) == d) return true;
        return false;
    };
    while (from < s.size() && !is_number_byte(from)) ++from;
    std::size_t end = from;
    while (is_number_byte(end)) end += static_cast<unsigned char>(s[end]) < 0x80 ? 1 : 3;
    return {std::string(s.substr(from, end - from)), from};
}

template <>
struct action<zh_article> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        const std::string_view s(in.begin(), in.size());
        Element& e = b.fresh(b.range_next);
        b.range_next = false;
        auto [main, at] = number_at(s, 0);
        e.article = b.number(main, in.position().byte + at);
        if (const auto zhi = s.find("之"); zhi != std::string_view::npos) {
            auto [sub, sub_at] = number_at(s, zhi);
            e.article_sub = b.number(sub, in.position().byte + sub_at);
        }
    }
};

template <>
struct action<zh_unit> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        const std::string_view s(in.begin(), in.size());
        const bool item = s.ends_with("项");
        // A unit right after an article or a paragraph of the same element refines it; else it starts one.
        if (b.elements.empty() || b.range_next || (item ? b.elements.back().item.has_value()
                                                        : (b.elements.back().paragraph || b.elements.back().item)))
            b.fresh(b.range_next), b.range_next = false;
        auto [n, at] = number_at(s, 0);
        (item ? b.elements.back().item : b.elements.back().paragraph) = b.number(n, in.position().byte + at);
    }
};

template <>
struct action<zh_bare_item> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        auto [n, at] = number_at(std::string_view(in.begin(), in.size()), 0);
        b.fresh(false).item = b.number(n, in.position().byte + at);
    }
};

template <>
struct action<utf8::one<U'至'>> {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.range_next = true; }
};

template <>
struct action<en_range_mark> {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.range_next = true; }
};

template <>
struct action<en_main> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.fresh(b.range_next).article = b.number(in.string(), in.position().byte);
        b.range_next = false;
    }
};

// 1194-1197, 76-80: a number of two digits or more after '-' ends a range; one digit is 之N (253-1).
template <>
struct action<en_sub> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        if (in.size() >= 2) {
            b.fresh(true).article = b.number(in.string(), in.position().byte);
            return;
        }
        b.elements.back().article_sub = b.number(in.string(), in.position().byte);
    }
};

template <>
struct action<en_paragraph> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        if (b.elements.empty()) b.outer_paragraph = b.number(in.string(), in.position().byte);
        else b.elements.back().paragraph = b.number(in.string(), in.position().byte);
    }
};

template <>
struct action<en_item> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        if (b.elements.empty()) b.outer_item = b.number(in.string(), in.position().byte);
        else b.elements.back().item = b.number(in.string(), in.position().byte);
    }
};

template <>
struct action<en_ordinal> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        static const char* names[] = {"first", "second", "third", "fourth", "fifth"};
        std::string word = in.string();
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (int i = 0; i < 5; ++i)
            if (word == names[i]) b.outer_paragraph = b.number(std::to_string(i + 1), in.position().byte);
    }
};

template <>
struct action<en_tail_paragraph> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.elements.back().paragraph = b.number(in.string(), in.position().byte); }
};

template <>
struct action<en_tail_item> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.elements.back().item = b.number(in.string(), in.position().byte); }
};

template <>
struct action<en_tail_item_next> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        Element next = b.elements.back();
        next.range_from_previous = false;
        next.item = b.number(in.string(), in.position().byte);
        b.elements.push_back(next);
    }
};

// ---- The scanner: finds where citations start, reads their designator, parses their numbers ----------
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Parses `Rule` at `offset`; returns the bytes consumed (0 when it does not match) and the elements.
template <typename Rule>
std::size_t parse_at(std::string_view text, std::size_t offset, Builder& b) {
    b.base = offset;
    pegtl::memory_input in(text.data() + offset, text.size() - offset, "");
    try {
        if (!pegtl::parse<Rule, action>(in, b)) return 0;
    } catch (const pegtl::parse_error&) {
        return 0;
    }
    return static_cast<std::size_t>(in.current() - text.data()) - offset;
}

struct Designator {
    Scope scope;
    std::size_t length;
    int previous = 1;
};

// 本法, 本条, 前款, 前两款 …: designators that name the text's own instrument, article or paragraph.
std::optional<Designator> relative_designator(std::string_view rest) {
    static const std::pair<std::string_view, Designator> table[] = {
        {"本法", {Scope::this_instrument, 0}},       {"本解释", {Scope::this_instrument, 0}},
        {"本规定", {Scope::this_instrument, 0}},     {"本意见", {Scope::this_instrument, 0}},
        {"本决定", {Scope::this_instrument, 0}},     {"本条", {Scope::this_article, 0}},
        {"本款", {Scope::this_paragraph, 0}},        {"前款", {Scope::previous_paragraphs, 0, 1}},
        {"前条", {Scope::previous_article, 0}},
        {"前两款", {Scope::previous_paragraphs, 0, 2}}, {"前二款", {Scope::previous_paragraphs, 0, 2}},
        {"前三款", {Scope::previous_paragraphs, 0, 3}}, {"前四款", {Scope::previous_paragraphs, 0, 4}},
    };
    for (const auto& [word, d] : table)
        if (starts_with(rest, word)) return Designator{d.scope, word.size(), d.previous};
    return std::nullopt;
}

// "（2012）", "（2012年）", "(2012年修正)" after a name, or "2012年" before it: the year picks a version.
std::size_t year_suffix(std::string_view before, std::string& year) {
    for (std::string_view close : {"）", ")"}) {
        if (!before.ends_with(close)) continue;
        for (std::string_view open : {"（", "("}) {
            const auto at = before.rfind(open);
            if (at == std::string_view::npos) continue;
            const std::string_view inside = before.substr(at + open.size(), before.size() - close.size() - at - open.size());
            if (inside.size() >= 4 && std::all_of(inside.begin(), inside.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                inside.size() <= 4 + 9) {
                year = std::string(inside.substr(0, 4));
                return before.size() - at;
            }
        }
    }
    return 0;
}

std::size_t year_prefix(std::string_view before, std::string& year) {
    if (before.size() < 7 || !before.ends_with("年")) return 0;
    const std::string_view digits = before.substr(before.size() - 7, 4);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
    year = std::string(digits);
    return 7;
}

class Scanner {
public:
    Scanner(std::string_view text, const NameIndex& names)
        : text_(text), names_(names), names_article_(std::any_of(article_words.begin(), article_words.end(), [&](std::string_view w) {
              return text.find(w) != std::string_view::npos;
          })) {}

    std::vector<Citation> run() {
        for (std::size_t i = 0; i < text_.size();) {
            const std::size_t used = try_at(i);
            i += used ? used : char_length(i);
        }
        return std::move(found_);
    }

private:
    std::size_t char_length(std::size_t i) const {
        const unsigned char c = static_cast<unsigned char>(text_[i]);
        return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }

    std::size_t try_at(std::size_t i) {
        const std::string_view rest = text_.substr(i);
        if (starts_with(rest, "《")) return quoted(i);
        if (starts_with(rest, "本条例")) return 0;  // a regulation naming itself, not 本条
        if (auto d = relative_designator(rest); d && !after_word(i, "基")) return relative(i, *d);
        if (starts_with(rest, "第")) return chinese(i);
        if (!is_word_start(i)) return 0;
        if (std::size_t n = english(i)) return n;
        return canonical(i);
    }

    bool after_word(std::size_t i, std::string_view word) const {
        return i >= word.size() && text_.substr(i - word.size(), word.size()) == word;  // 基本法 is not 本法
    }

    bool is_word_start(std::size_t i) const {
        if (i == 0) return true;
        const unsigned char c = static_cast<unsigned char>(text_[i - 1]);
        return !(std::isalnum(c) || c == '_');
    }

    // A bare 第二百七十八条 or "Article 278" after 刑法第二百二十一条 in the same sentence cites the same
    // instrument, as legal drafting writes lists of articles across a sentence.
    // Returns the bytes of an unknown instrument name taken into the citation before `start`.
    std::size_t inherit_instrument(Citation& c, std::size_t start) const {
        if (std::size_t name = unknown_name_before(c, start)) return name;
        for (auto it = found_.rbegin(); it != found_.rend(); ++it) {
            const std::string_view between = text_.substr(it->span.offset + it->span.length,
                                                          start - std::min(start, it->span.offset + it->span.length));
            for (std::string_view end : {"。", "；", ";", ". "})
                if (between.find(end) != std::string_view::npos) return 0;
            if (it->scope != Scope::named) continue;
            c.scope = Scope::named;
            c.instrument = it->instrument;
            c.version_year = it->version_year;
            c.canonical = it->canonical;
            // 第二款 after 刑法第二百四十六条: a paragraph of the article just cited.
            if (!c.elements.empty() && !c.elements.front().article && !it->elements.empty()) {
                c.elements.front().article = it->elements.back().article;
                c.elements.front().article_sub = it->elements.back().article_sub;
            }
            return 0;
        }
        return 0;
    }

    // 数据安全法第二十一条: a run of Chinese ending like an instrument's name (法, 条例, 规定, 解释, 意见, 决定,
    // 办法) right before 第 names an instrument the knowledge base does not know; it is reported as such,
    // never read as the instrument of an earlier citation.
    std::size_t unknown_name_before(Citation& c, std::size_t start) const {
        std::size_t at = start;
        while (at >= last_end_ + 3 && is_ideograph_at(at - 3)) at -= 3;  // never into an earlier citation
        std::string_view run = text_.substr(at, start - at);
        for (std::string_view lead : {"以及", "依照", "根据", "依据", "按照", "违反", "适用", "参照", "和", "及", "与", "或", "并"})
            if (run.substr(0, lead.size()) == lead) {
                run.remove_prefix(lead.size());
                break;
            }
        bool named = false;
        for (std::string_view end : {"法", "条例", "规定", "解释", "意见", "决定", "办法"})
            named = named || (run.size() > end.size() && run.substr(run.size() - end.size()) == end);
        if (!named) return 0;
        c.scope = Scope::named;
        c.instrument = std::string(run);
        return run.size();
    }

    bool is_ideograph_at(std::size_t i) const {
        const auto c = static_cast<unsigned char>(text_[i]);
        if (c < 0xE4 || c > 0xE9) return false;  // U+4E00–U+9FFF: three-byte UTF-8 starting E4–E9
        return !(text_.substr(i, 3) == "第");
    }

    void add(Citation c, std::size_t start, std::size_t end, Builder& b) {
        c.elements = std::move(b.elements);
        if (c.scope == Scope::unqualified) start -= inherit_instrument(c, start);
        b.elements = std::move(c.elements);
        c.span = {start, end - start};
        c.elements = std::move(b.elements);
        if (!c.elements.empty()) {
            if (b.outer_paragraph && !c.elements.front().paragraph) c.elements.front().paragraph = b.outer_paragraph;
            if (b.outer_item && !c.elements.front().item) c.elements.front().item = b.outer_item;
        }
        found_.push_back(std::move(c));
    }

    // 《中华人民共和国刑法》第二百四十六条; 《意见》 alone is not taken as a citation.
    std::size_t quoted(std::size_t i) {
        const auto close = text_.find("》", i);
        if (close == std::string_view::npos) return 0;
        Citation c;
        c.instrument = std::string(text_.substr(i + 3, close - i - 3));
        std::size_t after = close + 3;
        std::string year;
        if (std::size_t y = year_suffix_at(after, year)) after += y;
        Builder b;
        const std::size_t n = parse_at<zh_chain>(text_, after, b);
        if (!n) return 0;
        std::size_t start = i;
        std::string prefix_year;  // 2012年《治安管理处罚法》第四十二条
        if (std::size_t y = year_prefix(text_.substr(last_end_, i - last_end_), prefix_year)) start -= y, year = prefix_year;
        c.version_year = year;
        add(std::move(c), start, after + n, b);
        last_end_ = after + n;
        return after + n - i;
    }

    // （2012）right after a name, before 第.
    std::size_t year_suffix_at(std::size_t at, std::string& year) const {
        for (std::string_view open : {"（", "("}) {
            if (!starts_with(text_.substr(at), open)) continue;
            const auto close = text_.find(open == "（" ? "）" : ")", at);
            if (close == std::string_view::npos || close - at > 20) return 0;
            std::string inner;
            const std::size_t whole = close - at + (open == "（" ? 3 : 1);
            if (year_suffix(text_.substr(at, whole), inner) == whole) {
                year = inner;
                return whole;
            }
        }
        return 0;
    }

    std::size_t relative(std::size_t i, const Designator& d) {
        Citation c;
        c.scope = d.scope;
        c.previous_count = d.previous;
        Builder b;
        const std::size_t n = parse_at<zh_chain>(text_, i + d.length, b);
        add(std::move(c), i, i + d.length + n, b);
        return d.length + n;
    }

    // 第…条 with a known name, a year, or nothing before it.
    std::size_t chinese(std::size_t i) {
        Builder b;
        const std::size_t n = parse_at<zh_chain>(text_, i, b);
        if (!n) return 0;
        Citation c;
        std::size_t start = i;
        std::string_view before = text_.substr(last_end_, i - last_end_);
        std::string year;
        const std::size_t suffix_year = year_suffix(before, year);
        const std::size_t name = names_.longest_suffix(before.substr(0, before.size() - suffix_year));
        if (name) {
            start = i - suffix_year - name;
            c.instrument = std::string(text_.substr(start, name));
            std::string prefix_year;
            if (std::size_t y = year_prefix(text_.substr(last_end_, start - last_end_), prefix_year)) {
                start -= y;
                year = prefix_year;
            }
            c.version_year = year;
        } else {
            c.scope = Scope::unqualified;
        }
        add(std::move(c), start, i + n, b);
        last_end_ = i + n;
        return n;
    }

    // [item (1) of] [paragraph 2 of] Article 246 [of the Criminal Law]; Criminal Law art. 246(2).
    std::size_t english(std::size_t i) {
        Builder b;
        // Every English citation opens with a letter (Article, item, paragraph, the second…): a Chinese
        // character never needs the parser.
        const std::size_t n = std::isalpha(static_cast<unsigned char>(text_[i])) ? parse_at<en_citation>(text_, i, b) : 0;
        if (!n) return name_then_article(i);
        Citation c;
        std::size_t end = i + n;
        for (std::string_view self : {" of this Law", " of these Interpretations", " of these Provisions", " of these Opinions",
                                      " of this Interpretation", " of these Regulations"}) {
            if (!starts_with(text_.substr(end), self)) continue;
            c.scope = Scope::this_instrument;
            end += self.size();
            add(std::move(c), i, end, b);
            return end - i;
        }
        for (std::string_view of : {" of the ", " of "}) {
            if (!starts_with(text_.substr(end), of)) continue;
            if (std::size_t name = names_.longest_prefix(text_.substr(end + of.size()))) {
                c.instrument = std::string(text_.substr(end + of.size(), name));
                end += of.size() + name;
                break;
            }
        }
        if (c.instrument.empty()) c.scope = Scope::unqualified;
        add(std::move(c), i, end, b);
        return end - i;
    }

    std::size_t name_then_article(std::size_t i) {
        if (!names_article_) return 0;
        const std::size_t name = names_.longest_prefix(text_.substr(i));
        if (!name) return 0;
        const std::size_t word = i + name;
        for (std::string_view art : article_words) {
            if (!starts_with(text_.substr(word), art)) continue;
            Builder b;
            const std::size_t n = parse_at<en_chain>(text_, word + art.size(), b);
            if (!n) return 0;
            Citation c;
            c.instrument = std::string(text_.substr(i, name));
            add(std::move(c), i, word + art.size() + n, b);
            return word + art.size() + n - i;
        }
        return 0;
    }

    // CL 246(2): an instrument id, a space, a number.
    std::size_t canonical(std::size_t i) {
        std::size_t end = i;
        while (end < text_.size() && (std::isupper(static_cast<unsigned char>(text_[end])) ||
                                      (end > i && std::isdigit(static_cast<unsigned char>(text_[end])))))
            ++end;
        if (end == i || end + 1 >= text_.size() || text_[end] != ' ' || !std::isdigit(static_cast<unsigned char>(text_[end + 1])))
            return 0;
        if (names_.longest_prefix(text_.substr(i, end - i)) != end - i) return 0;
        Builder b;
        const std::size_t n = parse_at<en_chain>(text_, end + 1, b);
        if (!n) return 0;
        Citation c;
        c.instrument = std::string(text_.substr(i, end - i));
        c.canonical = true;
        add(std::move(c), i, end + 1 + n, b);
        return end + 1 + n - i;
    }

    // "Criminal Law art. 246": the words after a name; text without any of them has no such citation.
    static constexpr std::array<std::string_view, 4> article_words{" art. ", " arts. ", " Art. ", " article "};

    std::string_view text_;
    const NameIndex& names_;
    const bool names_article_;  // the text holds one of article_words somewhere
    std::vector<Citation> found_;
    std::size_t last_end_ = 0;
};

}  // namespace

std::vector<Citation> scan(std::string_view text, const NameIndex& names) { return Scanner(text, names).run(); }

std::vector<Citation> scan_typed(std::string_view text, const NameIndex& names) {
    auto found = scan(text, names);
    if (found.size() != 1 || found.front().scope != Scope::unqualified) return found;
    Citation& c = found.front();
    const std::size_t end = c.span.offset + c.span.length;
    std::string_view before = text.substr(0, c.span.offset);
    while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
    for (std::string_view of : {" of the ", " of "}) {
        if (text.substr(end, of.size()) == of && end + of.size() < text.size()) {
            c.instrument = std::string(text.substr(end + of.size()));
            c.span.length = text.size() - c.span.offset;
            c.scope = Scope::named;
            return found;
        }
    }
    if (!before.empty() && before.find_first_of(" \t") == std::string_view::npos) {
        c.instrument = std::string(before);
        c.span = {0, end};
        c.scope = Scope::named;
    }
    return found;
}

}  // namespace lexq::cite
