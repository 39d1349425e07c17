// apply and explain through the engine: errors, three-valued verdicts, versions, still-needed facts, JSON.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "engine_support.hpp"

namespace {

lexq::Result apply(const std::string& facts) {
    auto outcomes = default_engine().run("apply " + facts);
    REQUIRE(outcomes.size() == 1);
    INFO(facts << ": " << (outcomes[0].error ? outcomes[0].error->message : ""));
    REQUIRE(outcomes[0].ok());
    return *outcomes[0].result;
}

const lexq::Finding& finding(const lexq::Result& r, const std::string& conclusion) {
    for (const auto& f : r.findings)
        if (f.conclusion == conclusion) return f;
    FAIL("no finding " << conclusion);
    return r.findings.front();
}

lexq::Error error_of(const std::string& statement) {
    auto outcomes = default_engine().run(statement);
    REQUIRE(outcomes.size() == 1);
    REQUIRE(outcomes[0].error);
    return *outcomes[0].error;
}

}  // namespace

TEST_CASE("unknown facts and wrong types are errors at their position, with suggestions") {
    auto e = error_of("apply viewz = 6000");
    CHECK(e.kind == "unknown fact");
    CHECK(e.offset == std::string("apply ").size());
    CHECK(std::find(e.suggestions.begin(), e.suggestions.end(), "views") != e.suggestions.end());
    e = error_of("apply views = many");
    CHECK(e.kind == "wrong type");
    CHECK(e.offset == std::string("apply views = ").size());
    CHECK(error_of("apply act = insult").message == "act is a set: write act = {insult}");
    CHECK(error_of("apply act = {abuse_x}").message.find("act has no value 'abuse_x'") == 0);
    CHECK(error_of("apply date = 2024").kind == "wrong type");
    CHECK(error_of("explain crime_defamaton given views = 1").kind == "unknown conclusion");
}

TEST_CASE("an unknown fact is never false: the conclusion waits for it, and says which") {
    const auto r = apply("act = {fabricate_defamation}, medium = network");
    const auto& serious = finding(r, "defamation_serious");
    CHECK(serious.verdict == "undetermined");
    CHECK(std::find(serious.missing.begin(), serious.missing.end(), "views") != serious.missing.end());
    CHECK(finding(r, "crime_defamation").verdict == "undetermined");
    // Known facts settle it either way.
    CHECK(finding(apply("act = {fabricate_defamation}, medium = network, views = 6000"), "crime_defamation").verdict == "applies");
    const auto below = apply("act = {fabricate_defamation}, medium = network, views = 100, reposts = 10, consequences = {}, "
                             "prior_administrative_penalty_within_two_years = false, circumstances_serious = false, "
                             "repeat_unhandled_within_one_year = false");
    CHECK(finding(below, "defamation_serious").verdict == "does_not_apply");
}

TEST_CASE("still needed ranks the missing facts by how many conclusions each would settle") {
    const auto r = apply("act = {fabricate_defamation}, medium = network");
    REQUIRE_FALSE(r.needed.empty());
    for (std::size_t i = 1; i < r.needed.size(); ++i) CHECK(r.needed[i - 1].settles >= r.needed[i].settles);
    for (const auto& n : r.needed) {
        std::size_t counted = 0;
        for (const auto& f : r.findings)
            if (f.verdict == "undetermined" && std::find(f.missing.begin(), f.missing.end(), n.fact) != f.missing.end()) ++counted;
        CHECK(counted == n.settles);
    }
}

TEST_CASE("the Public Security Administration Punishment Law applies in the version in force on the facts' date") {
    const std::string facts = "act = {insult}, medium = network, date = ";
    const auto before = apply(facts + "2025-06-01");
    CHECK(finding(before, "admin_psapl2012_42").verdict != "does_not_apply");
    CHECK(finding(before, "admin_psapl2025_50").verdict == "does_not_apply");  // not yet in force
    const auto after = apply(facts + "2026-06-01");
    CHECK(finding(after, "admin_psapl2012_42").verdict == "does_not_apply");   // superseded
    CHECK(finding(after, "admin_psapl2025_50").verdict != "does_not_apply");
}

TEST_CASE("explain prints the justification tree down to the provisions") {
    auto outcomes = default_engine().run("explain crime_defamation full given act = {fabricate_defamation}, medium = network, views = 6000");
    REQUIRE(outcomes[0].ok());
    const auto& lines = outcomes[0].result->explanation;
    REQUIRE(lines.size() > 3);
    CHECK(lines.front().find("crime_defamation") != std::string::npos);
    CHECK(lines.front().find("applies") != std::string::npos);
    const auto has = [&](const std::string& part) {
        return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; });
    };
    CHECK(has("CL 246(1)"));
    CHECK(has("JI2013DEF 2(1)(1)"));  // full depth reaches the threshold rule
    CHECK(has("views >= 5000"));
}

TEST_CASE("apply in JSON carries verdicts, provisions and still-needed facts") {
    auto outcomes = default_engine().run("apply act = {fabricate_defamation}, medium = network");
    const auto doc = nlohmann::json::parse(lexq::to_json(outcomes.at(0)));
    CHECK(doc["result"]["kind"] == "apply");
    bool found = false;
    for (const auto& f : doc["result"]["findings"]) {
        CHECK(f.contains("verdict"));
        if (f["conclusion"] == "defamation_serious") found = f["verdict"] == "undetermined";
    }
    CHECK(found);
    CHECK_FALSE(doc["result"]["needed"].empty());
}

TEST_CASE("show of a provision lists the rules that encode it, and every rule cites provisions that exist") {
    auto outcomes = default_engine().run("show CL 246");
    REQUIRE(outcomes[0].ok());
    const auto& rules = outcomes[0].result->provisions.at(0).rules;
    CHECK(std::find(rules.begin(), rules.end(), "defamation_crime") != rules.end());
    CHECK(std::find(rules.begin(), rules.end(), "insult_crime") != rules.end());
    // The provisions a finding names are real provisions.
    const auto r = apply("act = {fabricate_defamation}, medium = network, views = 6000");
    for (const auto& f : r.findings)
        for (const auto& id : f.provisions) {
            INFO(f.conclusion << " cites " << id);
            CHECK(default_engine().run("show " + id).at(0).ok());
        }
}
