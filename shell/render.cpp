#include "render.hpp"
#include "table.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace lexq::shell {
namespace {

constexpr std::string_view gap = "[…]";

struct Style {
    bool on;
    std::string wrap(std::string_view text, const char* code) const {
        return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
    }
    std::string bold(std::string_view t) const { return wrap(t, "1"); }
    std::string dim(std::string_view t) const { return wrap(t, "2"); }
    std::string red(std::string_view t) const { return wrap(t, "31"); }
    std::string mark(std::string_view t) const { return on ? wrap(t, "1;33") : fmt::format("«{}»", t); }
};

std::string status_name(const std::string& status) {
    if (status == "in_force") return "in force";
    return status;
}

// The canonical id beside the citation as Chinese lawyers write it.
std::string title_line(const Provision& p, const RenderSpec& spec, const Style& s) {
    std::string topic = spec.lang == Lang::en || (spec.lang == Lang::both && p.title_zh.empty()) ? p.title_en : p.title_zh;
    std::string line = fmt::format("{} {}", s.bold(p.id), p.citation_zh);
    if (!topic.empty()) line += fmt::format(" · {}", topic);
    return line;
}

std::string heading_line(const Provision& p, Lang lang) {
    if (lang == Lang::en) {
        std::string line = p.instrument_title_en;
        for (const Heading& h : p.headings) line += fmt::format(" › {} {}", h.label, h.title_en.empty() ? h.title_zh : h.title_en);  // imported headings have no English
        return line;
    }
    std::string line = p.instrument_title;
    for (const Heading& h : p.headings) {
        const char* space = h.label.ends_with("、") ? "" : " ";  // 二、准确适用法律 has no space
        line += fmt::format(" › {}{}{}", h.label, space, h.title_zh.empty() ? h.title_en : h.title_zh);
    }
    return line;
}

std::string chinese_text(const Provision& p, const Style& s) {
    if (p.zh_status == "missing") return s.dim("〔中文原文暂缺 Chinese text not available〕");
    std::string out;
    std::string_view text = p.text_zh;
    for (std::size_t at; (at = text.find(gap)) != std::string_view::npos; text.remove_prefix(at + gap.size()))
        out += fmt::format("{}{}", text.substr(0, at), s.dim("〔…原文暂缺〕"));
    return out + std::string(text);
}

std::string targets_of(const Reference& r) {
    std::string out = fmt::format("{}", fmt::join(r.targets, ", "));
    if (!r.successors.empty()) out += fmt::format(" → now {}", fmt::join(r.successors, ", "));
    return out;
}

// "刑法第二百四十六条 → CL 246; 前款 → CL 246(1)": each citation of a text and where it leads.
std::string citations_line(const std::vector<Reference>& refs) {
    std::vector<std::string> parts;
    for (const Reference& r : refs) {
        if (r.lang != "zh") continue;  // the English cites the same provisions
        parts.push_back(r.status == "resolved" ? fmt::format("{} → {}", r.text, targets_of(r))
                                               : fmt::format("{} → {} ({})", r.text, targets_of(r), r.status));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

// One paragraph or item: `first` starts its first line, every further line is indented to match; items
// follow under the text (they print their own （一）).
void unit(std::string& out, const Provision& p, const std::string& first, const RenderSpec& spec, const Style& s) {
    const std::string indent(display_width(first), ' ');
    bool at_start = true;
    auto line = [&](const std::string& text) {
        std::string body = text;
        for (std::size_t at = 0; (at = body.find('\n', at)) != std::string::npos; at += indent.size() + 1)
            body.insert(at + 1, indent);  // an item's sub-items (1. 2. …) keep their own lines
        out += (at_start ? first : indent) + body + "\n";
        at_start = false;
    };
    if (spec.lang != Lang::en) {
        std::string zh = chinese_text(p, s);
        if (p.zh_status == "unverified") zh += s.dim(" 〔unverified wording〕");
        line(zh);
    }
    if (spec.lang != Lang::zh && !p.text_en.empty()) line(s.dim(p.en_official ? "[en] " : "[en, unofficial] ") + p.text_en);
    if (spec.lang == Lang::en && p.text_en.empty()) line(s.dim("[no English translation]"));  // an imported statute
    if (!p.note.empty() && p.paragraph) line(s.dim("note: " + p.note));
    if (!p.citations.empty()) line(s.dim("cites: " + citations_line(p.citations)));
    for (const Provision& item : p.parts) unit(out, item, indent, spec, s);
}

// "in force · effective 2024-03-01", "superseded · effective 2006-03-01 · superseded by PSAPL2025".
std::string version_line(const Provision& p) {
    std::string line = status_name(p.status);
    if (!p.effective.empty())
        line += fmt::format(" · effective {}", p.effective);
    else if (!p.promulgated.empty())
        line += fmt::format(" · {} {}", p.status == "draft" ? "published" : "promulgated", p.promulgated);
    if (!p.superseded_by.empty()) line += fmt::format(" · superseded by {}", fmt::join(p.superseded_by, ", "));
    return line;
}

// Where the article's content went in the newer version, or came from in the older one.
std::string successor_line(const Provision& p) {
    std::string line;
    if (!p.successors.empty()) line = fmt::format("became: {}", fmt::join(p.successors, ", "));
    if (p.no_successor) line = fmt::format("no counterpart in {}", fmt::join(p.superseded_by, ", "));
    if (!line.empty() && !p.successor_note.empty()) line += fmt::format(" ({})", p.successor_note);
    if (!p.predecessors.empty()) line += fmt::format("{}from: {}", line.empty() ? "" : " · ", fmt::join(p.predecessors, ", "));
    return line;
}

void provision(std::string& out, const Provision& p, const RenderSpec& spec, const Style& s) {
    out += title_line(p, spec, s) + "\n";
    out += s.dim(heading_line(p, spec.lang)) + "\n";
    out += s.dim(fmt::format("status: {} · Chinese: {} · source: {}", version_line(p), p.zh_status, p.source)) + "\n";
    if (const std::string versions = successor_line(p); !versions.empty()) out += s.dim(versions) + "\n";
    if (!p.note.empty() && !p.paragraph) out += s.dim("note: " + p.note) + "\n";
    if (!p.rules.empty()) out += s.dim(fmt::format("rules: {}", fmt::join(p.rules, ", "))) + "\n";
    if (p.parts.empty() || p.paragraph) {
        unit(out, p, p.item ? std::string("  ") : fmt::format("  ¶{} ", p.paragraph.value_or(1)), spec, s);
        return;
    }
    for (const Provision& para : p.parts) unit(out, para, fmt::format("  ¶{} ", *para.paragraph), spec, s);
}

std::string highlighted(const Snippet& snippet, const Style& s) {
    std::string out;
    std::size_t at = 0;
    for (const Highlight& h : snippet.highlights) {
        out += snippet.text.substr(at, h.offset - at) + s.mark(snippet.text.substr(h.offset, h.length));
        at = h.offset + h.length;
    }
    out += snippet.text.substr(at);
    for (char& c : out)
        if (c == '\n') c = ' ';
    return out;
}

void search(std::string& out, const Result& r, const RenderSpec& spec, const Style& s) {
    std::string page;
    if (r.hits.size() < r.total)
        page = r.hits.empty()       ? fmt::format(" (none from {})", r.offset + 1)
               : r.hits.size() == 1 ? fmt::format(" (showing {})", r.offset + 1)
                                    : fmt::format(" (showing {}–{})", r.offset + 1, r.offset + r.hits.size());
    std::vector<std::string> counts;
    for (const InstrumentCount& c : r.by_instrument) counts.push_back(fmt::format("{} {}", c.instrument_id, c.count));
    out += s.dim(fmt::format("{} article{}{}{}", r.total, r.total == 1 ? " matches" : "s match", page,
                             counts.size() > 1 ? fmt::format(": {}", fmt::join(counts, " · ")) : "")) + "\n";
    std::size_t rank = r.offset;
    for (const Hit& hit : r.hits) {
        out += fmt::format("{:>3}. {} {}\n", ++rank, title_line(hit.article, spec, s),
                           s.dim(fmt::format("[{}]", status_name(hit.article.status))));
        for (const Snippet& snippet : hit.snippets)
            if (spec.lang == Lang::both || (spec.lang == Lang::zh) == (snippet.lang == "zh"))
                out += fmt::format("     {}\n", highlighted(snippet, s));
        if (!hit.matched.empty()) out += s.dim(fmt::format("     in {}", fmt::join(hit.matched, ", "))) + "\n";
    }
}

}  // namespace

// A whole instrument: its metadata, preamble and the list of its articles in the knowledge base.
void instrument(std::string& out, const Instrument& in, const std::vector<Provision>& articles, const RenderSpec& spec,
                const Style& s) {
    out += fmt::format("{} {}\n", s.bold(in.id), spec.lang == Lang::en ? in.title_en : in.title_zh);
    if (spec.lang == Lang::both) out += in.title_en + "\n";
    std::string facts = fmt::format("{} · {} · {}", in.kind, status_name(in.status), fmt::join(in.issuers, "、"));
    if (!in.doc_number.empty()) facts += " · " + in.doc_number;
    out += s.dim(facts) + "\n";
    std::string dates;
    for (auto [name, value] : {std::pair{"adopted", &in.adopted}, {"promulgated", &in.promulgated}, {"effective", &in.effective}})
        if (!value->empty()) dates += fmt::format("{}{} {}", dates.empty() ? "" : " · ", name, *value);
    if (!in.amended.empty()) dates += fmt::format(" · amended {}", fmt::join(in.amended, ", "));
    out += s.dim(dates) + "\n";
    if (!in.supersedes.empty()) out += s.dim(fmt::format("supersedes {}", fmt::join(in.supersedes, ", "))) + "\n";
    if (!in.superseded_by.empty()) out += s.dim(fmt::format("superseded by {}", fmt::join(in.superseded_by, ", "))) + "\n";
    out += s.dim(fmt::format("source: {} · English: {}", in.source_zh, in.source_en)) + "\n";
    if (spec.lang != Lang::en && !in.preamble_zh.empty()) out += "  " + in.preamble_zh + "\n";
    if (spec.lang != Lang::zh && !in.preamble_en.empty()) out += "  " + s.dim("[en] ") + in.preamble_en + "\n";
    out += fmt::format("{} article{} in the knowledge base:\n", articles.size(), articles.size() == 1 ? "" : "s");
    for (const Provision& a : articles) out += fmt::format("  {}\n", title_line(a, spec, s));
}

// refs, citedby and check: one line a citation.
void references(std::string& out, const Result& r, const Style& s) {
    if (r.kind == Result::Kind::refs) out += fmt::format("{} cites {} provision{}:\n", r.subject, r.references.size(), r.references.size() == 1 ? "" : "s");
    if (r.kind == Result::Kind::citedby) out += fmt::format("{} is cited {} time{}:\n", r.subject, r.references.size(), r.references.size() == 1 ? "" : "s");
    if (r.kind == Result::Kind::check) out += fmt::format("{} citation{} found:\n", r.references.size(), r.references.size() == 1 ? "" : "s");
    for (const Reference& ref : r.references) {
        std::string where = r.kind == Result::Kind::check ? fmt::format("{}:{}", ref.line, ref.column) : fmt::format("{} [{}]", ref.from, ref.lang);
        if (r.kind == Result::Kind::citedby && ref.depth > 1) where += fmt::format(" (depth {})", ref.depth);
        std::string outcome = ref.status == "resolved" ? targets_of(ref) : fmt::format("{}: {}", ref.status, ref.targets.empty() ? ref.message : targets_of(ref));
        if (ref.status == "no_such_provision" || ref.status == "unknown_instrument") outcome = fmt::format("{}: {}", ref.status, ref.message);
        out += fmt::format("  {}  {}  → {}\n", s.dim(where), ref.text, outcome);
    }
}

// apply: conclusions by kind, each with its verdict and reasons; then the facts still needed.
void findings(std::string& out, const Result& r, const RenderSpec& spec, const Style& s) {
    std::string kind;
    for (const Finding& f : r.findings) {
        if (f.verdict == "does_not_apply" && r.kind == Result::Kind::apply) continue;
        if (f.kind != kind) out += s.bold(fmt::format("{}:", kind = f.kind)) + "\n";
        const std::string name = spec.lang == Lang::en ? f.name_en : spec.lang == Lang::zh ? f.name_zh : f.name_zh + " " + f.name_en;
        out += fmt::format("  {} {} — {}\n", f.verdict == "applies" ? "✓" : f.verdict == "undetermined" ? "?" : "✗", name,
                           f.verdict == "applies" ? "applies" : f.verdict == "undetermined" ? "undetermined" : "does not apply");
        if (!f.sentence_zh.empty() && f.verdict == "applies")
            out += s.dim("      sentence: " + (spec.lang == Lang::en ? f.sentence_en : f.sentence_zh)) + "\n";
        if (!f.provisions.empty()) out += s.dim(fmt::format("      by {} ({})", fmt::join(f.rules, ", "), fmt::join(f.provisions, ", "))) + "\n";
        if (!f.because.empty() && f.verdict != "undetermined") out += s.dim("      because " + f.because) + "\n";
        if (!f.missing.empty()) out += s.dim(fmt::format("      needs: {}", fmt::join(f.missing, ", "))) + "\n";
        if (f.verdict == "applies")
            for (const ProcedureStep& step : f.steps)
                out += s.dim(fmt::format("      {}. [{}] {}", step.number, step.actor, spec.lang == Lang::en ? step.en : step.zh)) + "\n";
    }
    if (r.findings.empty() || (r.kind == Result::Kind::apply && std::all_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
                                   return f.verdict == "does_not_apply";
                               })))
        out += "no conclusion applies or is undetermined on these facts\n";
    if (!r.needed.empty()) out += s.bold("still needed:") + "\n";
    for (const NeededFact& n : r.needed) {
        out += fmt::format("  {} ({}) — settles {}", n.fact, spec.lang == Lang::en ? n.name_en : n.name_zh, n.settles);
        if (!n.if_true.empty()) out += fmt::format("; if true: {}", fmt::join(n.if_true, ", "));
        if (!n.if_false.empty()) out += fmt::format("; if false: {}", fmt::join(n.if_false, ", "));
        out += "\n";
    }
    for (const std::string& line : r.explanation) out += line + "\n";
}

std::string render(const Result& result, const RenderSpec& spec) {
    if (spec.mode == Mode::table || spec.mode == Mode::box || spec.mode == Mode::markdown) {
        const TableStyle style = spec.mode == Mode::box ? TableStyle::box : spec.mode == Mode::markdown ? TableStyle::markdown : TableStyle::ascii;
        return format_table(table_of(result, spec.lang != Lang::en, spec.lang != Lang::zh), style, spec.width);
    }
    return wrap_lines(render_plain(result, spec), spec.width);
}

std::string render_plain(const Result& result, const RenderSpec& spec) {
    const Style s{spec.color};
    std::string out;
    if (result.kind == Result::Kind::apply || result.kind == Result::Kind::explain_conclusion) {
        findings(out, result, spec, s);
        return out;
    }
    if (result.kind == Result::Kind::refs || result.kind == Result::Kind::citedby || result.kind == Result::Kind::check) {
        references(out, result, s);
        return out;
    }
    if (result.kind == Result::Kind::explain) {
        out += fmt::format("query:   {}\nmatch:   {}\nfilters: {}\n", result.tree, result.match, result.filters);
        if (result.exact) out += "exact:   candidates are checked for proximity on the text\n";
        return out;
    }
    if (result.instrument) {
        instrument(out, *result.instrument, result.provisions, spec, s);
        return out;
    }
    if (result.kind == Result::Kind::search) {
        search(out, result, spec, s);
        return out;
    }
    for (const Provision& p : result.provisions) provision(out, p, spec, s);
    return out;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c == 0x1b) {  // colour escapes (ESC [ … m) take no columns
            while (i < n && s[i - 1] != 'm') ++i;
            continue;
        }
        if (c < 0) {
            ++width;
            continue;
        }
        const auto category = u_charType(c);
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) continue;
        const auto eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return width;
}

// Moves `count` characters back (negative) or forward from `at` in UTF-8 text, stopping at either end.
std::size_t step_chars(std::string_view text, std::size_t at, int count) {
    const auto continuation = [&](std::size_t i) { return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
    for (; count < 0 && at > 0; ++count)
        do --at; while (at > 0 && continuation(at));
    for (; count > 0 && at < text.size(); --count)
        do ++at; while (continuation(at));
    return at;
}

// A long line (a pasted page, a 1 MB query) is shown as the characters around the error, cut with '…'.
std::pair<std::string, std::size_t> error_window(std::string_view line, std::size_t offset) {
    constexpr int around = 40;
    const std::size_t begin = step_chars(line, offset, -around), end = step_chars(line, offset, around);
    const std::string head = begin > 0 ? "…" : "";
    std::string text = head + std::string(line.substr(begin, end - begin)) + (end < line.size() ? "…" : "");
    return {std::move(text), head.size() + offset - begin};
}

std::string render_error(const Error& error, std::string_view source, int line_number, const RenderSpec& spec) {
    const Style s{spec.color};
    std::string out = fmt::format("{} {}: {}\n", s.red("error:"), error.kind, error.message);
    if (!error.offset || *error.offset > source.size()) return out;
    // Show only the source line that holds the error.
    const std::size_t offset = *error.offset;
    const std::size_t begin = source.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::size_t line_start = (begin == std::string_view::npos || offset == 0) ? 0 : begin + 1;
    const std::size_t line_end = std::min(source.find('\n', offset), source.size());
    const std::string prefix = line_number > 0 ? fmt::format("line {}: ", line_number) : "  ";
    auto [line, at] = error_window(source.substr(line_start, line_end - line_start), offset - line_start);
    // One column each, so the caret count holds; control characters are not sent to the terminal.
    std::replace_if(line.begin(), line.end(), [](char c) { return c == '\t'; }, ' ');
    std::replace_if(line.begin(), line.end(), [](char c) { return (c >= 0 && c < 0x20) || c == 0x7f; }, '?');
    out += prefix + line + "\n";
    const std::size_t column = display_width(prefix) + display_width(std::string_view(line).substr(0, at));
    out += std::string(column, ' ') + s.red("^") + "\n";
    return out;
}

}  // namespace lexq::shell
