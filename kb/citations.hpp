// Resolving citations against the knowledge base: which instrument (and version), which provisions, and
// whether each exists, is held, or has been superseded.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cite.hpp"
#include "sqlite.hpp"

namespace lexq::kb {

struct CatalogInstrument {
    std::string id, short_title, status;
    std::string start;                 // effective date, or promulgation date
    std::set<std::string> years;       // years its text was made: adopted, promulgated, amended
    std::vector<std::string> superseded_by;
    int last_article = 0;              // 0: the knowledge base holds every article
    std::set<int> inserted;            // keys of 之N articles of the full text
};

// The instruments, names and articles of a knowledge base, in memory. Articles are read an instrument at a
// time, when first asked for: an engine answering one statement over a million articles reads a few hundred.
// The database must outlive the catalog.
class Catalog : public cite::NameIndex {
public:
    explicit Catalog(const Database& db);

    std::size_t longest_suffix(std::string_view before) const override;
    std::size_t longest_prefix(std::string_view after) const override;

    std::vector<std::string> instruments_named(const std::string& name) const;
    const CatalogInstrument* instrument(const std::string& id) const;
    // Items per paragraph of a held article; nullptr when the knowledge base does not hold it.
    const std::vector<int>* article(const std::string& id, int key) const;
    std::vector<std::string> successors(const std::string& article_id) const;
    std::vector<int> held_keys(const std::string& id) const;
    // Reads every instrument's articles now: later lookups never touch the database, so the catalog may be
    // read on another thread while the connection is busy.
    void read_all_articles();

private:
    std::map<std::string, CatalogInstrument> instruments_;
    std::map<std::string, std::vector<std::string>, std::less<>> names_;  // folded name → ids
    std::set<std::size_t> name_lengths_;                     // in code points
    std::set<std::string, std::less<>> first_chars_, last_chars_;         // of the folded names: most text positions start none
    const std::map<int, std::vector<int>>& articles_of(const std::string& id) const;

    const Database* db_;
    mutable std::map<std::string, std::map<int, std::vector<int>>, std::less<>> articles_;  // id → key → items per paragraph
    bool all_read_ = false;  // read_all_articles was called
    std::map<std::string, std::vector<std::string>> successors_;
};

// Where a citation stands: in a provision (for 本法, 前款, bare 第X条) and on which date (for versions).
struct CitationContext {
    std::string instrument;  // empty: typed by a user, outside any provision
    int article_key = 0;
    int paragraph = 0;
    int item = 0;
    std::string date;        // YYYY-MM-DD
};

struct Resolution {
    std::string status;  // resolved, superseded, not_in_kb, no_such_provision, unknown_instrument, ambiguous_instrument
    std::vector<std::string> targets;     // canonical ids, in order
    std::vector<std::string> successors;  // for superseded
    std::string message;                  // why, for anything but resolved
    std::vector<std::string> suggestions;
};

Resolution resolve(const Catalog& catalog, const cite::Citation& citation, const CitationContext& context);

// "CL 253-1(2)(1)"
std::string canonical_id(const std::string& instrument, int key, int paragraph = 0, int item = 0);

// The provision a canonical id names, as a context: "CL 246(3)" → CL, 24600, 3, 0. nullopt if malformed.
std::optional<CitationContext> context_of(const std::string& canonical, const std::string& date);

}  // namespace lexq::kb
