#include "reader.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>
#include <unicode/utf8.h>

namespace lexq::kb {
namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// Reads the keys of one TOML table, remembering which were used so the rest can be reported as unknown.
class Fields {
public:
    Fields(const toml::table& table, std::string what, const std::string& file, Diagnostics& out)
        : table_(table), what_(std::move(what)), file_(file), out_(out) {}

    int line() const { return line_of(table_); }

    void error(int line, std::string message) { out_.push_back({file_, line, std::move(message)}); }

    const toml::node* get(const char* key) {
        used_.insert(key);
        return table_.get(key);
    }

    std::string text(const char* key, bool required) {
        const toml::node* node = get(key);
        if (!node) {
            if (required) error(line(), fmt::format("{}: missing required key '{}'", what_, key));
            return {};
        }
        auto value = node->value<std::string>();
        if (!value) {
            error(line_of(*node), fmt::format("{}: '{}' must be a string", what_, key));
            return {};
        }
        if (required && value->empty()) error(line_of(*node), fmt::format("{}: '{}' is empty", what_, key));
        return *value;
    }

    std::vector<std::string> texts(const char* key, bool required) {
        std::vector<std::string> result;
        const toml::node* node = get(key);
        if (!node) {
            if (required) error(line(), fmt::format("{}: missing required key '{}'", what_, key));
            return result;
        }
        const toml::array* array = node->as_array();
        if (!array) {
            error(line_of(*node), fmt::format("{}: '{}' must be an array of strings", what_, key));
            return result;
        }
        for (const toml::node& element : *array) {
            auto value = element.value<std::string>();
            if (!value || value->empty())
                error(line_of(element), fmt::format("{}: '{}' must hold non-empty strings", what_, key));
            else
                result.push_back(*value);
        }
        if (required && result.empty() && array->empty())
            error(line_of(*node), fmt::format("{}: '{}' is empty", what_, key));
        return result;
    }

    bool boolean(const char* key, bool required) {
        const toml::node* node = get(key);
        if (!node) {
            if (required) error(line(), fmt::format("{}: missing required key '{}'", what_, key));
            return false;
        }
        if (!node->is_boolean()) {
            error(line_of(*node), fmt::format("{}: '{}' must be true or false", what_, key));
            return false;
        }
        return node->value<bool>().value_or(false);
    }

    std::string date(const toml::node& node, const char* key) {
        const auto* date = node.as_date();
        if (!date) {
            error(line_of(node), fmt::format("{}: '{}' must be a date such as 2023-09-20", what_, key));
            return "invalid";  // reported here; not "absent"
        }
        const toml::date& d = date->get();
        return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    }

    std::string date(const char* key) {
        const toml::node* node = get(key);
        return node ? date(*node, key) : std::string();
    }

    std::vector<std::string> dates(const char* key) {
        std::vector<std::string> result;
        const toml::node* node = get(key);
        if (!node) return result;
        const toml::array* array = node->as_array();
        if (!array) {
            error(line_of(*node), fmt::format("{}: '{}' must be an array of dates", what_, key));
            return result;
        }
        for (const toml::node& element : *array) result.push_back(date(element, key));
        return result;
    }

    const toml::table* table(const char* key, bool required) {
        const toml::node* node = get(key);
        if (!node) {
            if (required) error(line(), fmt::format("{}: missing required table [{}]", what_, key));
            return nullptr;
        }
        if (!node->is_table()) {
            error(line_of(*node), fmt::format("{}: '{}' must be a table", what_, key));
            return nullptr;
        }
        return node->as_table();
    }

    // The tables of an array of tables such as [[article]]; absent is an empty list.
    std::vector<const toml::table*> tables(const char* key) {
        std::vector<const toml::table*> result;
        const toml::node* node = get(key);
        if (!node) return result;
        const toml::array* array = node->as_array();
        if (!array) {
            error(line_of(*node), fmt::format("{}: '{}' must be an array of tables ([[{}]])", what_, key, key));
            return result;
        }
        for (const toml::node& element : *array) {
            if (element.is_table())
                result.push_back(element.as_table());
            else
                error(line_of(element), fmt::format("{}: '{}' must hold tables", what_, key));
        }
        return result;
    }

    // Called once all known keys were read: anything left is a typo or an unsupported key.
    void finish() {
        for (auto&& [key, node] : table_)
            if (!used_.count(std::string(key.str())))
                error(line_of(node), fmt::format("{}: unknown key '{}'", what_, key.str()));
    }

private:
    const toml::table& table_;
    std::string what_;
    const std::string& file_;
    Diagnostics& out_;
    std::set<std::string, std::less<>> used_;
};

class Reader {
public:
    Reader(const std::string& file, Diagnostics& out) : file_(file), out_(out) {}

    Instrument instrument(const toml::table& root) {
        Instrument in;
        in.file = file_;
        Fields f(root, "instrument", file_, out_);
        in.id = f.text("id", true);
        in.title_zh = f.text("title_zh", true);
        in.short_title_zh = f.text("short_title_zh", true);
        in.title_en = f.text("title_en", true);
        in.short_title_en = f.text("short_title_en", false);
        in.aliases = f.texts("aliases", false);
        in.kind = f.text("kind", true);
        in.issuers = f.texts("issuers", true);
        in.doc_number = f.text("doc_number", false);
        in.status = f.text("status", true);
        in.supersedes = f.texts("supersedes", false);
        in.superseded_by = f.texts("superseded_by", false);
        for (const char* key : {"supersedes", "superseded_by"})
            if (const toml::node* node = root.get(key)) in.links_line = line_of(*node);
        if (const toml::table* t = f.table("dates", true)) in.dates = dates(*t);
        if (const toml::table* t = f.table("source", true)) in.source = source(*t);
        if (const toml::table* t = f.table("preamble", false)) in.preamble = text(*t, "preamble");
        if (const toml::table* t = f.table("numbering", false)) in.numbering = numbering(*t);
        for (const toml::table* t : f.tables("heading")) in.headings.push_back(heading(*t));
        for (const toml::table* t : f.tables("article")) in.articles.push_back(article(*t));
        f.finish();
        return in;
    }

private:
    Dates dates(const toml::table& table) {
        Fields f(table, "dates", file_, out_);
        Dates d{f.date("adopted"), f.date("promulgated"), f.date("effective"), f.dates("amended")};
        f.finish();
        return d;
    }

    Numbering numbering(const toml::table& table) {
        Fields f(table, "numbering", file_, out_);
        Numbering n;
        n.line = f.line();
        if (const toml::node* last = f.get("last"); last && last->is_integer())
            n.last = static_cast<int>(last->value<int64_t>().value_or(0));
        else
            f.error(n.line, "numbering: 'last' must be the last article number");
        for (const std::string& text : f.texts("inserted", false)) {
            auto number = parse_article_number(text);
            if (number && number->sub > 0)
                n.inserted.push_back(*number);
            else
                f.error(n.line, fmt::format("numbering: '{}' is not a 之N article number such as 253-1", text));
        }
        f.finish();
        return n;
    }

    Source source(const toml::table& table) {
        Fields f(table, "source", file_, out_);
        Source s{f.text("zh", true), f.text("en", true), f.boolean("en_official", true)};
        f.finish();
        return s;
    }

    // A table that is nothing but a text (preamble, item).
    Text text(const toml::table& table, const std::string& what) {
        Fields f(table, what, file_, out_);
        Text t = text_fields(f);
        f.finish();
        return t;
    }

    // The keys every text carries; headings name their text title_zh/title_en instead of zh/en.
    Text text_fields(Fields& f, const char* zh_key = "zh", const char* en_key = "en") {
        Text t;
        t.line = f.line();
        t.zh = f.text(zh_key, false);
        t.en = f.text(en_key, false);
        t.source = f.text("source", false);
        t.note = f.text("note", false);
        if (const toml::node* node = f.get("zh_status")) {
            auto name = node->value<std::string>();
            auto status = name ? zh_status_from(*name) : std::nullopt;
            if (status)
                t.zh_status = *status;
            else
                f.error(line_of(*node), "zh_status must be one of verbatim, unverified, partial, missing");
        }
        return t;
    }

    Heading heading(const toml::table& table) {
        Fields f(table, "heading", file_, out_);
        Heading h;
        h.line = f.line();
        h.level = f.text("level", true);
        h.label = f.text("label", true);
        h.title = text_fields(f, "title_zh", "title_en");
        h.first = number(f, "first");
        h.last = number(f, "last");
        f.finish();
        if (h.title.en.empty()) f.error(h.line, "heading: missing required key 'title_en'");
        if (!h.title.zh.empty() || h.title.zh_status == ZhStatus::missing) return h;
        f.error(h.line, "heading: missing required key 'title_zh'");
        return h;
    }

    ArticleNumber number(Fields& f, const char* key) {
        std::string text = f.text(key, true);
        if (text.empty()) return {};
        auto number = parse_article_number(text);
        if (!number) f.error(f.line(), fmt::format("bad article number '{}' in '{}' (expected e.g. 246 or 253-1)", text, key));
        return number.value_or(ArticleNumber{});
    }

    Article article(const toml::table& table) {
        Fields f(table, "article", file_, out_);
        Article a;
        a.line = f.line();
        a.number = number(f, "number");
        a.title_zh = f.text("title_zh", false);
        a.title_en = f.text("title_en", false);
        a.note = f.text("note", false);
        if (f.get("successors")) a.successors = f.texts("successors", false);
        a.successor_note = f.text("successor_note", false);
        for (const toml::table* t : f.tables("paragraph")) a.paragraphs.push_back(paragraph(*t));
        f.finish();
        return a;
    }

    Paragraph paragraph(const toml::table& table) {
        Fields f(table, "paragraph", file_, out_);
        Paragraph p;
        p.text = text_fields(f);
        for (const toml::table* t : f.tables("item")) p.items.push_back({text(*t, "item")});
        f.finish();
        return p;
    }

    const std::string& file_;
    Diagnostics& out_;
};

}  // namespace

namespace {

FactValue fact_value(const toml::table& t, const std::string& file, Diagnostics& out) {
    Fields f(t, "fact value", file, out);
    FactValue v{f.text("name", true), f.text("zh", true), f.text("en", true), f.texts("synonyms", false)};
    f.finish();
    return v;
}

}  // namespace

std::vector<FactDef> read_facts(const std::string& path, Diagnostics& out) {
    std::vector<FactDef> facts;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        out.push_back({path, 0, "cannot open file"});
        return facts;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (int line = first_invalid_utf8_line(text.str())) {
        out.push_back({path, line, "invalid UTF-8"});
        return facts;
    }
    try {
        toml::table root = toml::parse(text.str(), path);
        Fields top(root, "facts", path, out);
        for (const toml::table* t : top.tables("fact")) {
            Fields f(*t, "fact", path, out);
            FactDef d;
            d.line = f.line();
            d.name = f.text("name", true);
            d.type = f.text("type", true);
            d.zh = f.text("zh", true);
            d.en = f.text("en", true);
            d.synonyms = f.texts("synonyms", false);
            for (const toml::table* v : f.tables("value")) d.values.push_back(fact_value(*v, path, out));
            f.finish();
            facts.push_back(std::move(d));
        }
        top.finish();
    } catch (const toml::parse_error& e) {
        out.push_back({path, static_cast<int>(e.source().begin.line), std::string(e.description())});
    }
    return facts;
}

int first_invalid_utf8_line(std::string_view text) {
    int line = 1;
    int32_t i = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) return line;
        if (c == '\n') ++line;
    }
    return 0;
}

std::optional<Instrument> parse_instrument(std::string_view text, const std::string& path, Diagnostics& out) {
    if (int line = first_invalid_utf8_line(text)) {
        out.push_back({path, line, "invalid UTF-8"});
        return std::nullopt;
    }
    try {
        toml::table root = toml::parse(text, path);
        return Reader(path, out).instrument(root);
    } catch (const toml::parse_error& e) {
        out.push_back({path, static_cast<int>(e.source().begin.line), std::string(e.description())});
        return std::nullopt;
    }
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<Instrument> read_instrument(const std::string& path, Diagnostics& out) {
    const auto text = read_file(path);
    if (!text) {
        out.push_back({path, 0, "cannot open file"});
        return std::nullopt;
    }
    return parse_instrument(*text, path, out);
}

}  // namespace lexq::kb
