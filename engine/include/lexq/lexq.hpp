// lexq: a statutory knowledge base with a query language. The public C++ API.
//
// Nothing here throws: every failure is a value (lexq::Error). One Engine handle must not be used by
// two threads at once; open one handle per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lexq {

const char* version();

// kind is one of: "syntax error", "unknown instrument", "ambiguous instrument", "no such provision",
// "invalid query", "unknown fact", "wrong type", "unknown conclusion", "I/O error", "internal error". offset/length locate the problem in the text given to
// Engine::run (not in the single statement), in bytes.
struct Error {
    std::string kind;
    std::string message;
    std::optional<std::size_t> offset;
    std::size_t length = 0;
    std::vector<std::string> suggestions;  // "did you mean"
};

struct Heading {
    std::string level;  // part, chapter, section, division
    std::string label;  // 第四章, 二、
    std::string title_zh;
    std::string title_en;
};

// A legal instrument in one version: its metadata, dates and links to its other versions.
struct Instrument {
    std::string id;  // CL, OP2023, PSAPL2012
    std::string title_zh, short_title_zh, title_en, short_title_en;
    std::string kind;    // law, judicial_interpretation, normative_document
    std::string status;  // draft, in_force, amended, superseded, repealed
    std::vector<std::string> issuers;
    std::string doc_number;
    std::string adopted, promulgated, effective;  // ISO dates, empty when unknown
    std::vector<std::string> amended;
    std::vector<std::string> supersedes, superseded_by;  // instrument ids of other versions
    std::string source_zh, source_en;
    bool en_official = false;
    std::string preamble_zh, preamble_en, preamble_zh_status;
};

// A citation found in a text, and what it resolves to.
struct Reference {
    std::string from;  // the citing paragraph or item (refs, citedby, show); empty for check
    std::string lang;  // "zh" or "en": which text of `from` it stands in
    std::size_t offset = 0;  // bytes into that text (check: into the checked text)
    std::size_t length = 0;
    std::string text;        // the citation as written
    // resolved, superseded, not_in_kb, no_such_provision, unknown_instrument, ambiguous_instrument
    std::string status;
    std::vector<std::string> targets;     // canonical ids
    std::vector<std::string> successors;  // where a superseded provision's content now stands
    std::string message;
    int depth = 1;  // citedby: steps from the provision asked about
    int line = 0;   // check: where the citation starts in the checked text, 1-based (column in characters)
    int column = 0;
};

// A step of a procedure: its order, who acts, and what happens.
struct ProcedureStep {
    int number = 0;
    std::string actor;
    std::string zh, en;
};

// apply: one conclusion about the facts, and why.
struct Finding {
    std::string conclusion;  // id, as in kb/rules
    std::string kind;        // crime, circumstance, aggravating, mitigating, procedure, civil, administrative, exclusion
    std::string name_zh, name_en;
    std::string verdict;     // applies, does_not_apply, undetermined — an unknown fact is never false
    std::vector<std::string> rules;       // the rules that decided it
    std::vector<std::string> provisions;  // the provisions those rules encode (canonical ids)
    std::vector<std::string> missing;     // undetermined: the facts still needed
    std::string because;                  // the conditions that hold, or the one that defeats it
    std::string sentence_zh, sentence_en; // crimes: the statutory sentence
    std::vector<ProcedureStep> steps;     // procedures: ordered steps
};

// apply: a fact not given, and what knowing it would settle.
struct NeededFact {
    std::string fact, name_zh, name_en;
    std::size_t settles = 0;                        // undetermined conclusions that need it
    std::vector<std::string> if_true, if_false;     // booleans: conclusions that would then apply
};

// An article, paragraph (款) or item (项) with both texts and their provenance.
struct Provision {
    std::string id;  // canonical: "CL 246", "CL 246(2)", "OP2023D 8(2)(1)"
    std::string citation_zh;  // as Chinese lawyers cite it: 刑法第二百四十六条第二款
    std::string instrument_id;
    std::string instrument_title;        // full Chinese title
    std::string instrument_short_title;  // 刑法
    std::string instrument_title_en;
    std::string article;  // "246", "253-1"
    std::optional<int> paragraph;
    std::optional<int> item;
    std::string title_zh;  // the article's topic, where the instrument gives one
    std::string title_en;
    std::string text_zh;    // empty when not available; an article's joined text shows a missing part as […]
    std::string zh_status;  // verbatim, unverified, partial, missing
    std::string text_en;
    bool en_official = false;
    std::string status;     // the instrument's: draft, in_force, amended, superseded, repealed
    std::string source;     // where the Chinese text comes from
    std::string source_en;  // where the English text comes from
    std::string note;       // provenance note
    std::vector<Heading> headings;  // outermost first
    std::vector<Provision> parts;   // paragraphs of an article, items of a paragraph
    std::string effective;          // the instrument version's effective date, when known
    std::string promulgated;        // its promulgation (or, for a draft, publication) date, when known
    std::vector<std::string> superseded_by;  // instrument ids of newer versions
    // Article level: where the content went in a newer version ("OP2023 5"), and where it came from.
    std::vector<std::string> successors;
    bool no_successor = false;  // the newer version has no counterpart
    std::string successor_note;
    std::vector<std::string> predecessors;
    std::vector<Reference> citations;  // paragraph and item level: the citations in its texts
    std::vector<std::string> rules;    // article level: the rules (kb/rules) that encode it
};

struct Highlight {
    std::size_t offset = 0;  // bytes into Snippet::text
    std::size_t length = 0;
};

struct Snippet {
    std::string lang;  // "zh" or "en"
    std::string text;
    std::vector<Highlight> highlights;
};

struct Hit {
    Provision article;  // without parts
    std::vector<Snippet> snippets;
    std::vector<std::string> matched;  // ids of the paragraphs and items where the query's terms stand
    bool whole_word = false;           // a Chinese term stands as a whole word (ICU segmentation): ranked up
    double score = 0;                  // bm25 with field weights, authority and whole-word boost: lower is better
};

struct InstrumentCount {
    std::string instrument_id;
    std::size_t count = 0;
};

struct Result {
    enum class Kind { show, search, explain, refs, citedby, check, apply, explain_conclusion };
    Kind kind = Kind::show;
    std::optional<Instrument> instrument;  // show of a whole instrument
    std::vector<Provision> provisions;     // show: the provision, or an instrument's articles (without parts)
    std::vector<Hit> hits;                      // search: one page, best first
    std::size_t total = 0;                      // search: all matching articles
    std::vector<InstrumentCount> by_instrument; // search: matches per instrument, in the order of the results
    std::size_t limit = 0, offset = 0;          // search: the page
    std::string match;                          // search, explain: the FTS5 MATCH expression
    std::string tree;                           // explain: the parsed query
    std::string filters;                        // search, explain: the filters applied, as SQL-like text
    bool exact = false;  // search, explain: proximity or structure checked on the text after FTS5 matching
    std::string subject;                    // refs, citedby: the canonical id asked about
    std::vector<Reference> references;      // refs, citedby, check
    std::vector<Finding> findings;          // apply, explain of a conclusion
    std::vector<NeededFact> needed;         // apply: still needed, most useful first
    std::vector<std::string> explanation;   // explain of a conclusion: the justification tree, one line each
};

// The outcome of one statement: a result or an error, and where the statement stands in the input.
struct Outcome {
    std::string statement;
    std::size_t offset = 0;
    std::optional<Result> result;
    std::optional<Error> error;
    bool ok() const { return result.has_value(); }
};

class Engine {
public:
    // Opens a knowledge base file read-only. Returns null and fills `error` when it cannot.
    static std::unique_ptr<Engine> open(const std::string& path, Error* error) noexcept;
    // Opens the knowledge base embedded in the library at build time.
    static std::unique_ptr<Engine> open_default(Error* error) noexcept;

    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Runs every statement in `text` (separated by ';'). A syntax error yields one failed outcome.
    std::vector<Outcome> run(std::string_view text) noexcept;

    // Words a shell can complete: statement keywords, instrument ids and short titles, facts and their
    // values, conclusions.
    std::vector<std::string> completions() const noexcept;

    struct Impl;

private:
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Whether `text` is complete statements, or stops mid-statement (an open quote or parenthesis, a trailing
// AND, "show 刑法第"): a shell then reads another line.
bool is_complete(std::string_view text) noexcept;

// One JSON document for an outcome; the format is documented in docs/json.md.
std::string to_json(const Outcome& outcome);

}  // namespace lexq
