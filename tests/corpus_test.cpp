// The corpus as a whole, through the engine: every provision the corpus issue names, versions and
// successors both ways, English everywhere, headings, and show of whole instruments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "compiler.hpp"
#include "engine_support.hpp"
#include "lexq/lexq.hpp"
#include "reader.hpp"

namespace {

lexq::Result show(const std::string& citation) {
    auto outcomes = default_engine().run("show " + citation);
    REQUIRE(outcomes.size() == 1);
    INFO(citation << ": " << (outcomes[0].error ? outcomes[0].error->message : ""));
    REQUIRE(outcomes[0].ok());
    return *outcomes[0].result;
}

lexq::Provision article(const std::string& id) { return show(id).provisions.at(0); }

const std::vector<lexq::kb::Instrument>& corpus() {
    static const auto instruments = [] {
        lexq::kb::Diagnostics problems;
        auto c = lexq::kb::load_corpus(lexq::kb::corpus_files(LEXQ_SOURCE_DIR "/kb/corpus"), problems);
        REQUIRE(problems.empty());
        return c;
    }();
    return instruments;
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("every provision the corpus issue names is in the knowledge base") {
    const std::vector<std::pair<std::string, std::vector<std::string>>> required = {
        {"CL", {"246", "253-1", "274", "275", "225", "286-1", "287-1", "293"}},
        {"CC", {"990", "991", "995", "997", "998", "999", "1000", "1024", "1025", "1026", "1027", "1032", "1033",
                "1034", "1035", "1038", "1165", "1167", "1179", "1182", "1183", "1194", "1195", "1196", "1197"}},
        {"CPL", {"15", "16", "19", "101", "108", "112", "113", "114", "210", "211", "212", "213"}},
        {"CIVPL", {"58", "103", "104"}},
        {"PSAPL2012", {"42"}},
        {"PSAPL2025", {"50", "56"}},
        {"PIPL", {"4", "10", "13", "69"}},
        {"CSL", {"12", "44", "47"}},
        {"MPL", {"77"}},
    };
    for (const auto& [instrument, articles] : required)
        for (const auto& number : articles) CHECK(article(instrument + " " + number).article == number);
    for (int n = 1; n <= 20; ++n) {
        CHECK(article("OP2023D " + std::to_string(n)).status == "draft");
        CHECK(article("OP2023 " + std::to_string(n)).status == "in_force");
    }
}

TEST_CASE("every draft article says what it became in the final Opinions") {
    for (int n = 1; n <= 20; ++n) {
        const auto p = article("OP2023D " + std::to_string(n));
        INFO(p.id);
        CHECK(p.successors.empty() == p.no_successor);  // one or the other, never neither
        for (const auto& successor : p.successors) CHECK(contains(article(successor).predecessors, p.id));
    }
    CHECK(article("OP2023D 5").no_successor);
    CHECK(article("OP2023D 6").successors == std::vector<std::string>{"OP2023 5", "OP2023 6"});
}

TEST_CASE("a superseded article says so and points to where its content now stands") {
    const auto old42 = article("PSAPL2012 42");
    CHECK(old42.status == "superseded");
    CHECK(old42.superseded_by == std::vector<std::string>{"PSAPL2025"});
    CHECK(contains(old42.successors, "PSAPL2025 50"));
    CHECK(contains(article("PSAPL2025 50").predecessors, "PSAPL2012 42"));
    // The name shared by both versions means the version in force.
    CHECK(article("治安管理处罚法第五十条").id == "PSAPL2025 50");
}

TEST_CASE("version links resolve both ways") {
    for (const auto& in : corpus()) {
        const auto result = show(in.id);
        REQUIRE(result.instrument);
        for (const auto& newer : result.instrument->superseded_by) {
            INFO(in.id << " → " << newer);
            CHECK(contains(show(newer).instrument->supersedes, in.id));
        }
        for (const auto& older : result.instrument->supersedes) CHECK(contains(show(older).instrument->superseded_by, in.id));
    }
}

TEST_CASE("show of a whole instrument lists every article it holds, in order") {
    for (const auto& in : corpus()) {
        const auto result = show(in.id);
        REQUIRE(result.instrument);
        CHECK(result.instrument->title_zh == in.title_zh);
        CHECK(result.instrument->status == in.status);
        REQUIRE(result.provisions.size() == in.articles.size());
        for (std::size_t i = 0; i < in.articles.size(); ++i)
            CHECK(result.provisions[i].article == in.articles[i].number.str());
    }
    CHECK(show("刑法").instrument->id == "CL");
    CHECK(show("《中华人民共和国民法典》").instrument->id == "CC");
}

TEST_CASE("every text has its English, and every statute article its heading path") {
    for (const auto& in : corpus()) {
        for (const auto& a : show(in.id).provisions) {
            const auto p = article(a.id);
            INFO(p.id);
            CHECK_FALSE(p.text_en.empty());
            for (const auto& para : p.parts) {
                CHECK_FALSE(para.text_en.empty());
                for (const auto& item : para.parts) CHECK_FALSE(item.text_en.empty());
            }
            if (in.kind == "law") CHECK_FALSE(p.headings.empty());
            for (const auto& h : p.headings) CHECK_FALSE(h.title_en.empty());
        }
    }
}

TEST_CASE("instrument JSON carries dates, versions and provenance") {
    auto outcomes = default_engine().run("show PSAPL2012");
    const auto doc = nlohmann::json::parse(lexq::to_json(outcomes.at(0)));
    CHECK(doc["result"]["kind"] == "instrument");
    const auto& in = doc["result"]["instrument"];
    CHECK(in["id"] == "PSAPL2012");
    CHECK(in["status"] == "superseded");
    CHECK(in["superseded_by"] == nlohmann::json::array({"PSAPL2025"}));
    CHECK(in["en_official"] == false);
    CHECK_FALSE(in["source_zh"].get<std::string>().empty());
    CHECK(doc["result"]["provisions"].size() == 1);
    const auto p = nlohmann::json::parse(lexq::to_json(default_engine().run("show PSAPL2012 42").at(0)))["result"]["provisions"][0];
    CHECK(p["successors"] == nlohmann::json::array({"PSAPL2025 50"}));
    CHECK(p["superseded_by"] == nlohmann::json::array({"PSAPL2025"}));
}
