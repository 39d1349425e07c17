// The citation graph through the engine: refs, citedby, check, and citations shown with provisions.
#include <catch2/catch.hpp>

#include <set>

#include "engine_support.hpp"
#include "sqlite.hpp"

namespace {

lexq::Result run_ok(const std::string& statement) {
    auto outcomes = default_engine().run(statement);
    REQUIRE(outcomes.size() == 1);
    INFO(statement << ": " << (outcomes[0].error ? outcomes[0].error->message : ""));
    REQUIRE(outcomes[0].ok());
    return *outcomes[0].result;
}

std::set<std::string> citing_units(const lexq::Result& r) {
    std::set<std::string> out;
    for (const auto& ref : r.references) out.insert(ref.from);
    return out;
}

}  // namespace

TEST_CASE("citedby finds every paragraph whose text cites the article, however written") {
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    for (const auto& [id, written] : {std::pair{"CL 246", "刑法第二百四十六条"}, std::pair{"CL 253-1", "刑法第二百五十三条之一"},
                                      std::pair{"CL 286-1", "刑法第二百八十六条之一"}, std::pair{"CC 1195", "民法典第一千一百九十五条"}}) {
        INFO(id);
        const auto found = citing_units(run_ok(std::string("citedby ") + id));
        lexq::kb::Statement units(db.handle(), "SELECT id FROM unit WHERE instr(text_zh, ?1)");
        units.bind(1, written);
        int expected = 0;
        while (units.step()) {
            ++expected;
            INFO(units.text(0) << " cites " << written);
            CHECK(found.count(units.text(0)) == 1);
        }
        CHECK(expected > 0);
    }
}

TEST_CASE("refs lists what a provision cites, with spans on the cited words") {
    const auto r = run_ok("refs OP2023D 12");
    CHECK(r.subject == "OP2023D 12");
    bool found = false;
    for (const auto& ref : r.references) {
        CHECK(ref.from.rfind("OP2023D 12(", 0) == 0);
        if (ref.text == "刑法第二百四十六条第二款") found = found || ref.targets == std::vector<std::string>{"CL 246(2)"};
    }
    CHECK(found);
    // Relative references resolve from where they stand: CL 246(2) says 前款, CL 246(3) says 第一款.
    const auto self = run_ok("refs CL 246");
    std::set<std::pair<std::string, std::string>> edges;
    for (const auto& ref : self.references) edges.insert({ref.from, ref.targets.empty() ? "" : ref.targets.front()});
    CHECK(edges.count({"CL 246(2)", "CL 246(1)"}) == 1);
    CHECK(edges.count({"CL 246(3)", "CL 246(1)"}) == 1);
}

TEST_CASE("citedby with depth follows citations transitively, and limits depth") {
    const auto r = run_ok("citedby CL 253-1 depth:2");
    std::set<std::string> depth_one;
    for (const auto& ref : r.references)
        if (ref.depth == 1) depth_one.insert(ref.from.substr(0, ref.from.find('(')));
    for (const auto& ref : r.references) {
        CHECK(ref.depth >= 1);
        CHECK(ref.depth <= 2);
        if (ref.depth == 2) {
            const bool reaches = std::any_of(ref.targets.begin(), ref.targets.end(), [&](const std::string& t) {
                return depth_one.count(t.substr(0, t.find('('))) > 0;
            });
            CHECK(reaches);
        }
    }
    auto outcomes = default_engine().run("citedby CL 246 depth:6");
    REQUIRE(outcomes[0].error);
    CHECK(outcomes[0].error->message == "depth: takes a number from 1 to 5");
    CHECK(outcomes[0].error->offset == std::string("citedby CL 246 depth:").size());
}

TEST_CASE("check reports every citation in a text: resolved, superseded, not held, not existing") {
    const std::string text = "依照刑法第二百四十六条和《意见》第十二条，\n参照 Article 1195 of the Civil Code、刑法第一百三十三条、"
                             "刑法第九百九十九条与2012年治安管理处罚法第四十二条。";
    const auto r = run_ok("check " + text);
    REQUIRE(r.references.size() == 6);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"刑法第二百四十六条", "resolved"}, {"《意见》第十二条", "resolved"}, {"Article 1195 of the Civil Code", "resolved"},
        {"刑法第一百三十三条", "not_in_kb"}, {"刑法第九百九十九条", "no_such_provision"},
        {"2012年治安管理处罚法第四十二条", "superseded"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO(i);
        CHECK(r.references[i].text == expected[i].first);
        CHECK(r.references[i].status == expected[i].second);
        CHECK(text.substr(r.references[i].offset, r.references[i].length) == expected[i].first);
    }
    CHECK(r.references[2].line == 2);
    CHECK(r.references[2].column == 4);
    CHECK(r.references[5].successors == std::vector<std::string>{"PSAPL2025 50"});
}

TEST_CASE("show carries each paragraph's citations, with spans into its text") {
    const auto r = run_ok("show OP2023D 12");
    const auto& paragraph = r.provisions.at(0).parts.at(0);
    REQUIRE_FALSE(paragraph.citations.empty());
    for (const auto& c : paragraph.citations) {
        const std::string& text = c.lang == "zh" ? paragraph.text_zh : paragraph.text_en;
        CHECK(text.substr(c.offset, c.length) == c.text);
    }
}

TEST_CASE("the graph is built over the whole corpus and every edge leads to a provision") {
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    lexq::kb::Statement edges(db.handle(), "SELECT DISTINCT t.target FROM citation_target t JOIN citation c ON c.id = t.citation_id"
                                           " WHERE c.status = 'resolved' AND t.successor = 0");
    int count = 0;
    while (edges.step()) {
        ++count;
        INFO(edges.text(0));
        run_ok("show " + edges.text(0));
    }
    CHECK(count > 50);
}
