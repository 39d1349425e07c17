// Citations: the gold set (tests/citations/gold.tsv) — every form, resolved to canonical ids and a status,
// or no citation at all — with precision and recall printed; both must be 100%.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "citations.hpp"
#include "sqlite.hpp"

namespace {

struct Gold {
    std::string text, context, date, expected;
    int line = 0;
};

std::vector<Gold> gold() {
    std::ifstream in(LEXQ_SOURCE_DIR "/tests/citations/gold.tsv");
    REQUIRE(in);
    std::vector<Gold> out;
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        Gold g;
        std::getline(fields, g.text, '\t');
        std::getline(fields, g.context, '\t');
        std::getline(fields, g.date, '\t');
        std::getline(fields, g.expected, '\t');
        g.line = number;
        out.push_back(g);
    }
    return out;
}

// 依照前款的规定: the citation is 前款; the words around it are not part of it.
std::string citation_part(std::string text) {
    for (std::string_view lead : {"依照", "依据", "根据"})
        if (text.starts_with(lead)) text.erase(0, lead.size());
    if (text.ends_with("的规定")) text.erase(text.size() - std::string_view("的规定").size());
    return text;
}

std::string describe(const lexq::kb::Resolution& r) {
    std::string out = r.status;
    if (r.status == "unknown_instrument" || r.status == "ambiguous_instrument") return out;
    for (std::size_t i = 0; i < r.targets.size(); ++i) out += (i ? "; " : " ") + r.targets[i];
    if (r.status == "superseded") {
        out += " ->";
        for (std::size_t i = 0; i < r.successors.size(); ++i) out += (i ? "; " : " ") + r.successors[i];
    }
    return out;
}

}  // namespace

TEST_CASE("citation gold set: every form resolves as expected; precision and recall are 100%") {
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    const lexq::kb::Catalog catalog(db);
    const auto all = gold();
    REQUIRE(all.size() >= 150);
    int expected_citations = 0, found = 0, correct = 0;
    for (const auto& g : all) {
        INFO("gold.tsv:" << g.line << ": " << g.text);
        const auto found_here = lexq::cite::scan_typed(g.text, catalog);
        const bool none = g.expected == "none";
        expected_citations += none ? 0 : 1;
        found += static_cast<int>(found_here.size());
        std::string actual = "none";
        if (found_here.size() == 1) {
            auto context = g.context == "-" ? lexq::kb::CitationContext{"", 0, 0, 0, g.date} : *lexq::kb::context_of(g.context, g.date);
            actual = describe(lexq::kb::resolve(catalog, found_here.front(), context));
            if (found_here.front().span.length != citation_part(g.text).size())
                actual += " [span " + std::to_string(found_here.front().span.length) + "]";
        } else if (found_here.size() > 1) {
            actual = std::to_string(found_here.size()) + " citations";
        }
        if (actual == g.expected && !none) ++correct;
        if (actual != g.expected) std::printf("  gold.tsv:%d %s\n    expected %s\n    actual   %s\n", g.line, g.text.c_str(), g.expected.c_str(), actual.c_str());
        CHECK(actual == g.expected);
    }
    const double precision = found ? static_cast<double>(correct) / found : 1.0;
    const double recall = expected_citations ? static_cast<double>(correct) / expected_citations : 1.0;
    std::printf("citations: %zu gold lines, %d citations expected, %d found, %d correct; precision %.3f, recall %.3f\n",
                all.size(), expected_citations, found, correct, precision, recall);
    CHECK(precision == 1.0);
    CHECK(recall == 1.0);
}
