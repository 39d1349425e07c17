// Ranking quality on a relevance set written by hand (tests/relevance/queries.tsv): for each query, the
// provisions a lawyer expects in the top 10. Prints recall@10 and MRR and asserts minimums.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine_support.hpp"

namespace {

struct Judgement {
    std::string query;
    std::vector<std::string> expected;
    int line = 0;
};

std::vector<Judgement> judgements() {
    std::ifstream in(LEXQ_SOURCE_DIR "/tests/relevance/queries.tsv");
    REQUIRE(in);
    std::vector<Judgement> out;
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        Judgement j;
        std::string expected;
        std::getline(fields, j.query, '\t');
        std::getline(fields, expected, '\t');
        std::istringstream ids(expected);
        for (std::string id; std::getline(ids, id, ',');) j.expected.push_back(id);
        j.line = number;
        out.push_back(j);
    }
    return out;
}

}  // namespace

// Minimums, set below the figures measured when the set was written (see the closing note of the search
// issue); a ranking change that loses relevant provisions fails here.
constexpr double min_recall_at_10 = 0.95;
constexpr double min_mrr = 0.90;

TEST_CASE("relevance: recall@10 and MRR over the hand-judged query set") {
    const auto all = judgements();
    REQUIRE(all.size() >= 40);
    double recall_sum = 0, rr_sum = 0;
    for (const auto& j : all) {
        auto outcomes = default_engine().run("search " + j.query + " status:all limit:10");
        INFO("queries.tsv:" << j.line << ": " << j.query);
        REQUIRE(outcomes.size() == 1);
        REQUIRE(outcomes[0].ok());
        const auto& hits = outcomes[0].result->hits;
        std::size_t found = 0;
        double rr = 0;
        for (std::size_t rank = 0; rank < hits.size(); ++rank) {
            const bool relevant = std::find(j.expected.begin(), j.expected.end(), hits[rank].article.id) != j.expected.end();
            if (!relevant) continue;
            ++found;
            if (rr == 0) rr = 1.0 / static_cast<double>(rank + 1);
        }
        const double recall = static_cast<double>(found) / static_cast<double>(j.expected.size());
        if (recall < 1 || rr < 1) std::printf("  %-40s recall@10 %.2f  RR %.2f\n", j.query.c_str(), recall, rr);
        recall_sum += recall;
        rr_sum += rr;
    }
    const double n = static_cast<double>(all.size());
    std::printf("relevance: %zu queries, recall@10 %.3f, MRR %.3f\n", all.size(), recall_sum / n, rr_sum / n);
    CHECK(recall_sum / n >= min_recall_at_10);
    CHECK(rr_sum / n >= min_mrr);
}
