// Scenarios (tests/scenarios/*.scenario): facts of a case and the conclusions lexq must reach.
//   apply act = {fabricate_defamation}, medium = network, views = 6000
//   expect crime_defamation applies
//   expect public_prosecution undetermined needs harm_social_order
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine_support.hpp"

namespace fs = std::filesystem;

TEST_CASE("every scenario reaches the expected conclusions") {
    int scenarios = 0;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(LEXQ_SOURCE_DIR "/tests/scenarios"))
        if (entry.path().extension() == ".scenario") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file);
        std::string line, statement;
        std::vector<std::pair<int, std::string>> expectations;
        for (int number = 1; std::getline(in, line); ++number) {
            if (line.empty() || line[0] == '#') continue;
            if (line.rfind("apply ", 0) == 0) statement = line;
            if (line.rfind("expect ", 0) == 0) expectations.emplace_back(number, line.substr(7));
        }
        INFO(file.filename().string() << ": " << statement);
        REQUIRE_FALSE(statement.empty());
        REQUIRE_FALSE(expectations.empty());
        auto outcomes = default_engine().run(statement);
        REQUIRE(outcomes.size() == 1);
        INFO((outcomes[0].error ? outcomes[0].error->message : ""));
        REQUIRE(outcomes[0].ok());
        const auto& findings = outcomes[0].result->findings;
        for (const auto& [number, expectation] : expectations) {
            std::istringstream words(expectation);
            std::string conclusion, verdict, keyword;
            words >> conclusion >> verdict >> keyword;
            INFO(file.filename().string() << ":" << number << ": expect " << expectation);
            const auto it = std::find_if(findings.begin(), findings.end(), [&](const lexq::Finding& f) { return f.conclusion == conclusion; });
            REQUIRE(it != findings.end());
            INFO("because: " << it->because);
            CHECK(it->verdict == verdict);
            if (keyword == "needs")
                for (std::string fact; words >> fact;) CHECK(std::find(it->missing.begin(), it->missing.end(), fact) != it->missing.end());
        }
        ++scenarios;
    }
    std::printf("scenarios: %d files\n", scenarios);
    CHECK(scenarios >= 40);
}
