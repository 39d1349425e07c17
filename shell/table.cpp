#include "table.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>
#include <unicode/utf8.h>

#include "render.hpp"

namespace lexq::shell {
namespace {

// Splits `text` into pieces of at most `width` display columns, preferring to break at a space.
std::vector<std::string> pieces(const std::string& text, std::size_t width) {
    std::vector<std::string> out;
    std::string current;
    std::size_t columns = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c == 0x1b) {  // a colour escape takes no columns and is never split
            while (i < n && s[i - 1] != 'm') ++i;
            current += text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
            continue;
        }
        const std::string ch = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
        const std::size_t w = display_width(ch);
        if (width > 0 && columns + w > width) {
            const auto space = current.rfind(' ');
            if (c != ' ' && space != std::string::npos && space > current.size() / 2) {
                out.push_back(current.substr(0, space));
                current = current.substr(space + 1);
            } else {
                out.push_back(current);
                current.clear();
            }
            columns = display_width(current);
            if (c == ' ') continue;
        }
        current += ch;
        columns += w;
    }
    out.push_back(current);
    return out;
}

std::string pad(const std::string& text, std::size_t width) {
    const std::size_t w = display_width(text);
    return text + std::string(width > w ? width - w : 0, ' ');
}

std::string flat(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

std::vector<std::size_t> column_widths(const Table& t, std::size_t width) {
    std::vector<std::size_t> widths(t.headers.size(), 0);
    for (std::size_t i = 0; i < t.headers.size(); ++i) widths[i] = display_width(t.headers[i]);
    for (const auto& row : t.rows)
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
    if (width == 0) return widths;
    const std::size_t frame = 3 * widths.size() + 1;
    // Shrink the widest columns until the table fits (never below 4 columns: two Chinese characters).
    while (std::accumulate(widths.begin(), widths.end(), frame) > width) {
        auto widest = std::max_element(widths.begin(), widths.end());
        if (*widest <= 4) break;
        --*widest;
    }
    return widths;
}

}  // namespace

std::string format_table(const Table& t, TableStyle style, std::size_t width) {
    const auto widths = column_widths(t, width);
    const bool box = style == TableStyle::box;
    const char* vertical = box ? "│" : "|";
    auto rule = [&](const char* left, const char* middle, const char* right, const char* fill) {
        std::string line = left;
        for (std::size_t i = 0; i < widths.size(); ++i) {
            for (std::size_t k = 0; k < widths[i] + 2; ++k) line += fill;
            line += i + 1 < widths.size() ? middle : right;
        }
        return line + "\n";
    };
    auto row = [&](const std::vector<std::string>& cells) {
        std::vector<std::vector<std::string>> wrapped;
        std::size_t height = 1;
        for (std::size_t i = 0; i < widths.size(); ++i) {
            wrapped.push_back(pieces(i < cells.size() ? flat(cells[i]) : "", widths[i]));
            height = std::max(height, wrapped.back().size());
        }
        std::string out;
        for (std::size_t line = 0; line < height; ++line) {
            out += vertical;
            for (std::size_t i = 0; i < widths.size(); ++i)
                out += " " + pad(line < wrapped[i].size() ? wrapped[i][line] : "", widths[i]) + " " + vertical;
            out += "\n";
        }
        return out;
    };
    std::string out;
    if (style == TableStyle::markdown) {
        out += row(t.headers) + rule("|", "|", "|", "-");
        for (const auto& r : t.rows) out += row(r);
        return out;
    }
    out += box ? rule("┌", "┬", "┐", "─") : rule("+", "+", "+", "-");
    out += row(t.headers);
    out += box ? rule("├", "┼", "┤", "─") : rule("+", "+", "+", "-");
    for (const auto& r : t.rows) out += row(r);
    out += box ? rule("└", "┴", "┘", "─") : rule("+", "+", "+", "-");
    return out;
}

Table table_of(const Result& r, bool zh, bool en) {
    Table t;
    auto texts = [&](std::vector<std::string>& headers) {
        if (zh) headers.push_back("中文");
        if (en) headers.push_back("English");
    };
    auto text_cells = [&](std::vector<std::string>& row, const std::string& z, const std::string& e) {
        if (zh) row.push_back(z);
        if (en) row.push_back(e);
    };
    switch (r.kind) {
        case Result::Kind::search:
            t.headers = {"#", "id", "citation", "status"};
            texts(t.headers);
            for (std::size_t i = 0; i < r.hits.size(); ++i) {
                const Hit& h = r.hits[i];
                std::vector<std::string> row{std::to_string(r.offset + i + 1), h.article.id, h.article.citation_zh, h.article.status};
                std::string z, e;
                for (const Snippet& s : h.snippets) (s.lang == "zh" ? z : e) = s.text;
                text_cells(row, z, e);
                t.rows.push_back(row);
            }
            return t;
        case Result::Kind::refs:
        case Result::Kind::citedby:
        case Result::Kind::check:
            t.headers = {r.kind == Result::Kind::check ? "line:col" : "from", "citation", "status", "targets"};
            for (const Reference& ref : r.references)
                t.rows.push_back({r.kind == Result::Kind::check ? fmt::format("{}:{}", ref.line, ref.column) : ref.from, ref.text,
                                  ref.status, fmt::format("{}", fmt::join(ref.targets, ", "))});
            return t;
        case Result::Kind::apply:
        case Result::Kind::explain_conclusion:
            t.headers = {"kind", "conclusion", "verdict", "provisions", "needs"};
            for (const Finding& f : r.findings)
                if (f.verdict != "does_not_apply" || r.kind == Result::Kind::explain_conclusion)
                    t.rows.push_back({f.kind, zh ? f.name_zh : f.name_en, f.verdict, fmt::format("{}", fmt::join(f.provisions, ", ")),
                                      fmt::format("{}", fmt::join(f.missing, ", "))});
            return t;
        case Result::Kind::explain:
            t.headers = {"query", "match", "filters"};
            t.rows.push_back({r.tree, r.match, r.filters});
            return t;
        case Result::Kind::show:
            t.headers = {"id", "citation"};
            texts(t.headers);
            for (const Provision& p : r.provisions) {
                auto add = [&](const Provision& x) {
                    std::vector<std::string> row{x.id, x.citation_zh};
                    text_cells(row, x.zh_status == "missing" ? "〔中文原文暂缺〕" : x.text_zh, x.text_en);
                    t.rows.push_back(row);
                };
                if (p.parts.empty() || r.instrument) {
                    add(p);
                    continue;
                }
                for (const Provision& para : p.parts) {
                    add(para);
                    for (const Provision& item : para.parts) add(item);
                }
            }
            return t;
    }
    return t;
}

std::string wrap_lines(const std::string& text, std::size_t width) {
    if (width == 0) return text;
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string line = text.substr(start, end - start);
        const std::size_t indent = line.find_first_not_of(' ') == std::string::npos ? 0 : line.find_first_not_of(' ');
        if (display_width(line) <= width) {
            out += line;
        } else {
            const std::string lead(indent + 2, ' ');
            const auto parts = pieces(line.substr(indent), width > indent + 12 ? width - indent - 2 : width);
            for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "\n" + lead : std::string(indent, ' ')) + parts[i];
        }
        out += end < text.size() ? "\n" : "";
        start = end + 1;
    }
    return out;
}

}  // namespace lexq::shell
