#include <nlohmann/json.hpp>

#include "lexq/lexq.hpp"

namespace lexq {
namespace {

using nlohmann::json;

json optional_int(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

json reference_json(const Reference& r) {
    return {{"from", r.from.empty() ? json(nullptr) : json(r.from)},
            {"lang", r.lang.empty() ? json(nullptr) : json(r.lang)},
            {"offset", r.offset},
            {"length", r.length},
            {"text", r.text},
            {"status", r.status},
            {"targets", r.targets},
            {"successors", r.successors},
            {"message", r.message},
            {"depth", r.depth},
            {"line", r.line ? json(r.line) : json(nullptr)},
            {"column", r.column ? json(r.column) : json(nullptr)}};
}

json references_json(const std::vector<Reference>& refs) {
    json out = json::array();
    for (const Reference& r : refs) out.push_back(reference_json(r));
    return out;
}

json provision_json(const Provision& p) {
    json headings = json::array();
    for (const Heading& h : p.headings)
        headings.push_back({{"level", h.level}, {"label", h.label}, {"title_zh", h.title_zh}, {"title_en", h.title_en}});
    json parts = json::array();
    for (const Provision& part : p.parts) parts.push_back(provision_json(part));
    return {{"id", p.id},
            {"citation_zh", p.citation_zh},
            {"instrument_id", p.instrument_id},
            {"instrument_title", p.instrument_title},
            {"instrument_short_title", p.instrument_short_title},
            {"instrument_title_en", p.instrument_title_en},
            {"article", p.article},
            {"paragraph", optional_int(p.paragraph)},
            {"item", optional_int(p.item)},
            {"title_zh", p.title_zh},
            {"title_en", p.title_en},
            {"text_zh", p.zh_status == "missing" ? json(nullptr) : json(p.text_zh)},
            {"zh_status", p.zh_status},
            {"text_en", p.text_en},
            {"en_official", p.en_official},
            {"status", p.status},
            {"source", p.source},
            {"source_en", p.source_en},
            {"note", p.note},
            {"headings", headings},
            {"parts", parts},
            {"effective", p.effective.empty() ? json(nullptr) : json(p.effective)},
            {"promulgated", p.promulgated.empty() ? json(nullptr) : json(p.promulgated)},
            {"superseded_by", p.superseded_by},
            {"successors", p.successors},
            {"no_successor", p.no_successor},
            {"successor_note", p.successor_note},
            {"predecessors", p.predecessors},
            {"citations", references_json(p.citations)},
            {"rules", p.rules}};
}

json instrument_json(const Instrument& in) {
    auto optional_text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    return {{"id", in.id},
            {"title_zh", in.title_zh},
            {"short_title_zh", in.short_title_zh},
            {"title_en", in.title_en},
            {"short_title_en", in.short_title_en},
            {"kind", in.kind},
            {"status", in.status},
            {"issuers", in.issuers},
            {"doc_number", optional_text(in.doc_number)},
            {"adopted", optional_text(in.adopted)},
            {"promulgated", optional_text(in.promulgated)},
            {"effective", optional_text(in.effective)},
            {"amended", in.amended},
            {"supersedes", in.supersedes},
            {"superseded_by", in.superseded_by},
            {"source_zh", in.source_zh},
            {"source_en", in.source_en},
            {"en_official", in.en_official},
            {"preamble_zh", optional_text(in.preamble_zh)},
            {"preamble_en", optional_text(in.preamble_en)},
            {"preamble_zh_status", optional_text(in.preamble_zh_status)}};
}

json snippet_json(const Snippet& s) {
    json highlights = json::array();
    for (const Highlight& h : s.highlights) highlights.push_back({{"offset", h.offset}, {"length", h.length}});
    return {{"lang", s.lang}, {"text", s.text}, {"highlights", highlights}};
}

json finding_json(const Finding& f) {
    json steps = json::array();
    for (const ProcedureStep& s : f.steps) steps.push_back({{"number", s.number}, {"actor", s.actor}, {"zh", s.zh}, {"en", s.en}});
    return {{"conclusion", f.conclusion}, {"kind", f.kind}, {"name_zh", f.name_zh}, {"name_en", f.name_en},
            {"verdict", f.verdict}, {"rules", f.rules}, {"provisions", f.provisions}, {"missing", f.missing},
            {"because", f.because}, {"sentence_zh", f.sentence_zh}, {"sentence_en", f.sentence_en}, {"steps", steps}};
}

json result_json(const Result& r) {
    if (r.kind == Result::Kind::apply || r.kind == Result::Kind::explain_conclusion) {
        json findings = json::array();
        for (const Finding& f : r.findings) findings.push_back(finding_json(f));
        json needed = json::array();
        for (const NeededFact& n : r.needed)
            needed.push_back({{"fact", n.fact}, {"name_zh", n.name_zh}, {"name_en", n.name_en}, {"settles", n.settles},
                              {"if_true", n.if_true}, {"if_false", n.if_false}});
        if (r.kind == Result::Kind::apply) return {{"kind", "apply"}, {"findings", findings}, {"needed", needed}};
        return {{"kind", "explain_conclusion"}, {"findings", findings}, {"explanation", r.explanation}};
    }
    if (r.kind == Result::Kind::refs || r.kind == Result::Kind::citedby)
        return {{"kind", r.kind == Result::Kind::refs ? "refs" : "citedby"}, {"subject", r.subject},
                {"references", references_json(r.references)}};
    if (r.kind == Result::Kind::check) return {{"kind", "check"}, {"references", references_json(r.references)}};
    if (r.kind == Result::Kind::explain)
        return {{"kind", "explain"}, {"tree", r.tree}, {"match", r.match}, {"filters", r.filters}, {"exact", r.exact}};
    if (r.kind == Result::Kind::show) {
        json provisions = json::array();
        for (const Provision& p : r.provisions) provisions.push_back(provision_json(p));
        if (r.instrument) return {{"kind", "instrument"}, {"instrument", instrument_json(*r.instrument)}, {"provisions", provisions}};
        return {{"kind", "show"}, {"provisions", provisions}};
    }
    json hits = json::array();
    for (const Hit& h : r.hits) {
        json snippets = json::array();
        for (const Snippet& s : h.snippets) snippets.push_back(snippet_json(s));
        hits.push_back({{"provision", provision_json(h.article)},
                        {"score", h.score},
                        {"whole_word", h.whole_word},
                        {"matched", h.matched},
                        {"snippets", snippets}});
    }
    json counts = json::array();
    for (const InstrumentCount& c : r.by_instrument) counts.push_back({{"instrument_id", c.instrument_id}, {"count", c.count}});
    return {{"kind", "search"}, {"total", r.total}, {"limit", r.limit}, {"offset", r.offset},
            {"by_instrument", counts}, {"match", r.match}, {"filters", r.filters}, {"exact", r.exact}, {"hits", hits}};
}

json error_json(const Error& e) {
    return {{"kind", e.kind},
            {"message", e.message},
            {"offset", e.offset ? json(*e.offset) : json(nullptr)},
            {"length", e.length},
            {"suggestions", e.suggestions}};
}

}  // namespace

std::string to_json(const Outcome& o) {
    json doc = {{"ok", o.ok()}, {"statement", o.statement}, {"offset", o.offset}};
    if (o.result) doc["result"] = result_json(*o.result);
    if (o.error) doc["error"] = error_json(*o.error);
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace lexq
