// Search semantics on a small made-up corpus (tests/fixtures/corpus-search): ranking by whole words,
// folding, proximity and units, paging, options and their errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "compiler.hpp"
#include "engine_support.hpp"
#include "lexq/lexq.hpp"
#include "sqlite.hpp"

namespace fs = std::filesystem;

namespace {

std::string fixture_db() {
    static const std::string path = [] {
        const fs::path p = fs::temp_directory_path() / ("lexq-search-" + std::to_string(::getpid()) + ".db");
        lexq::kb::Diagnostics problems;
        auto corpus = lexq::kb::load_corpus(lexq::kb::corpus_files(LEXQ_FIXTURES "/corpus-search"), problems);
        REQUIRE(problems.empty());
        lexq::kb::write_database(corpus, p.string());
        return p.string();
    }();
    return path;
}

lexq::Engine& engine() {
    static std::unique_ptr<lexq::Engine> e = [] {
        lexq::Error error;
        auto opened = lexq::Engine::open(fixture_db(), &error);
        if (!opened) FAIL(error.message);
        return opened;
    }();
    return *e;
}

lexq::Result search(const std::string& query) {
    auto outcomes = engine().run("search " + query);
    REQUIRE(outcomes.size() == 1);
    INFO(query << ": " << (outcomes[0].error ? outcomes[0].error->message : ""));
    REQUIRE(outcomes[0].ok());
    return *outcomes[0].result;
}

std::vector<std::string> ids(const std::string& query) {
    std::vector<std::string> out;
    for (const auto& hit : search(query).hits) out.push_back(hit.article.id);
    return out;
}

std::set<std::string> id_set(const std::string& query) {
    auto v = ids(query);
    return {v.begin(), v.end()};
}

// A search on the embedded knowledge base, which has many instruments and matches.
lexq::Result default_search(const std::string& query) {
    auto outcomes = default_engine().run("search " + query);
    REQUIRE(outcomes.size() == 1);
    INFO(query);
    REQUIRE(outcomes[0].ok());
    return *outcomes[0].result;
}

lexq::Error error_of(const std::string& query) {
    auto outcomes = engine().run("search " + query);
    REQUIRE(outcomes.size() == 1);
    REQUIRE(outcomes[0].error);
    return *outcomes[0].error;
}

}  // namespace

TEST_CASE("a Chinese term that stands as a whole word ranks above the same characters inside a longer word") {
    const auto result = search("法人");
    REQUIRE(result.hits.size() == 2);  // both are found: no match is dropped
    CHECK(result.hits[0].article.id == "TSRCH 2");
    CHECK(result.hits[0].whole_word);
    CHECK(result.hits[1].article.id == "TSRCH 1");
    CHECK_FALSE(result.hits[1].whole_word);
}

TEST_CASE("Traditional characters and full-width forms find their Simplified and ASCII equivalents") {
    CHECK(id_set("誹謗") == id_set("诽谤"));
    CHECK(id_set("ＡＢＣ１２３") == std::set<std::string>{"TSRCH 4"});
    CHECK(id_set("abc123") == std::set<std::string>{"TSRCH 4"});
}

TEST_CASE("English stems: defame, defamation and defamatory find one another") {
    const auto expected = std::set<std::string>{"TSRCH 3", "TSRCH 4", "TSRCH 5"};
    CHECK(id_set("defame") == expected);
    CHECK(id_set("defamation") == expected);
    CHECK(id_set("defamatory") == expected);
    CHECK(id_set("defam*") == expected);
}

TEST_CASE("proximity connectors are exact") {
    CHECK(id_set("诽谤 AND 公诉") == std::set<std::string>{"TSRCH 3", "TSRCH 4"});
    CHECK(id_set("诽谤 /s 公诉") == std::set<std::string>{"TSRCH 3"});          // 4: different sentences
    CHECK(id_set("诽谤 /p 公诉") == std::set<std::string>{"TSRCH 3"});          // 4: different paragraphs
    CHECK(id_set("社会秩序 /p 侮辱").count("TSRCH 4") == 1);                    // a paragraph holds its items
    CHECK(id_set("侮辱 /item 散布").empty());                                   // two different items
    CHECK(id_set("侮辱 /item 他人") == std::set<std::string>{"TSRCH 4"});
    CHECK(id_set("诽谤 /art 侮辱") == std::set<std::string>{"TSRCH 4"});
    // 甲乙…癸 are ten characters (ten tokens) before 诽谤.
    CHECK(id_set("甲乙 /10 诽谤") == std::set<std::string>{"TSRCH 5"});
    CHECK(id_set("甲乙 /5 诽谤").empty());
    CHECK(id_set("甲乙 +10 诽谤") == std::set<std::string>{"TSRCH 5"});
    CHECK(id_set("诽谤 +10 甲乙").empty());                                     // +n is ordered
    CHECK(id_set("one /9 defamation") == std::set<std::string>{"TSRCH 5"});
    CHECK(id_set("one /8 defamation").empty());
}

TEST_CASE("fields restrict where a term may stand") {
    CHECK(id_set("zh:诽谤") == std::set<std::string>{"TSRCH 3", "TSRCH 4", "TSRCH 5"});
    CHECK(id_set("en:诽谤").empty());
    CHECK(id_set("en:prosecuted") == std::set<std::string>{"TSRCH 3", "TSRCH 4"});
    CHECK(id_set("zh:prosecuted").empty());
}

TEST_CASE("hits name the paragraphs and items where the terms stand") {
    const auto result = search("侮辱 OR 公诉");
    const auto it = std::find_if(result.hits.begin(), result.hits.end(), [](const lexq::Hit& h) { return h.article.id == "TSRCH 4"; });
    REQUIRE(it != result.hits.end());
    CHECK(it->matched == std::vector<std::string>{"TSRCH 4(2)", "TSRCH 4(2)(1)"});
}

TEST_CASE("pages partition the results, counts add up") {
    const auto all = search("依法 OR 诽谤 OR 公诉 limit:100");
    REQUIRE(all.total >= 4);
    std::vector<std::string> paged;
    for (std::size_t offset = 0; offset < all.total; offset += 2) {
        const auto page = search("依法 OR 诽谤 OR 公诉 limit:2 offset:" + std::to_string(offset));
        CHECK(page.total == all.total);
        for (const auto& hit : page.hits) paged.push_back(hit.article.id);
    }
    std::vector<std::string> whole;
    for (const auto& hit : all.hits) whole.push_back(hit.article.id);
    CHECK(paged == whole);
    std::size_t sum = 0;
    for (const auto& c : all.by_instrument) sum += c.count;
    CHECK(sum == all.total);
}

TEST_CASE("bad options are errors that point at the value") {
    const std::string q = "诽谤 limit:0";
    auto e = error_of(q);
    CHECK(e.kind == "invalid query");
    CHECK(e.offset == std::string("search 诽谤 limit:").size());
    CHECK(e.message == "limit: takes a number from 1 to 1000, not '0'");
    CHECK(error_of("诽谤 limit:1001").message == "limit: takes a number from 1 to 1000, not '1001'");
    CHECK(error_of("诽谤 status:valid").message.find("'valid' is not one of") != std::string::npos);
    CHECK(error_of("诽谤 kind:statute").message.find("'statute' is not one of") != std::string::npos);
    CHECK(error_of("诽谤 date:2024").message == "date: expects a date such as 2024-03-01, not '2024'");
    CHECK(error_of("诽谤 instrument:刑罚").kind == "unknown instrument");
    CHECK(error_of("NOT limit:3 诽谤").message.find("applies to the whole search") != std::string::npos);
    CHECK(error_of("limit:3").message == "a search needs at least one term besides its options");
    CHECK(search("诽谤 limit:1000").limit == 1000);
}

TEST_CASE("highlights land on the original characters, whatever the query's form") {
    auto highlighted = [](const std::string& query) {
        std::set<std::string> out;
        for (const auto& hit : search(query).hits)
            for (const auto& s : hit.snippets)
                for (const auto& h : s.highlights) out.insert(s.text.substr(h.offset, h.length));
        return out;
    };
    CHECK(highlighted("誹謗") == std::set<std::string>{"诽谤"});
    CHECK(highlighted("ａｂｃ１２３") == std::set<std::string>{"ABC123"});
    CHECK(highlighted("DEFAMATION") == std::set<std::string>{"defames", "Defamatory", "defamation"});
    CHECK(highlighted("\"提起公诉\"") == std::set<std::string>{"提起公诉"});
}

// Instrument filters make FTS5 read only the kept instruments' rows; bm25 takes its statistics from the
// whole index, so the ranking must be the unfiltered one with the other instruments left out.
TEST_CASE("a filter keeps the ranking: filtered hits are the unfiltered hits of the kept instruments") {
    auto run = [](const std::string& query) { return default_search(query + " limit:1000"); };
    for (const std::string q : {"网络", "诽谤 OR 侮辱", "公安机关 /s 立案", "信息"}) {
        const auto all = run(q + " status:all");
        REQUIRE(all.total < 200);  // inside the whole-word re-ranking window, which sees the filtered list
        for (const auto& kept : std::vector<std::set<std::string>>{{"CL"}, {"CL", "CPL"}, {"OP2023D", "PSAPL2012", "JI2013DEF"}}) {
            std::string names;
            for (const auto& id : kept) names += (names.empty() ? "" : ",") + id;
            const auto filtered = run(q + " instrument:" + names);
            std::vector<std::string> expected, got;
            for (const auto& hit : all.hits)
                if (kept.count(hit.article.instrument_id)) expected.push_back(hit.article.id);
            for (const auto& hit : filtered.hits) got.push_back(hit.article.id);
            INFO(q << " instrument:" << names);
            CHECK(got == expected);
            CHECK(filtered.total == expected.size());
        }
    }
}

// FTS5's NEAR narrows /n and +n between two terms; an OR operand keeps the plain AND. Both end in the same
// exact check, so they must find the same articles: NEAR never drops one, even across paragraphs and items.
// (Their order may differ: bm25 counts only NEAR's instances, and the OR counts its term twice.)
TEST_CASE("the NEAR narrowing of /n and +n loses no article that the exact check keeps") {
    auto run = [](const std::string& query) {
        const auto result = default_search(query + " status:all limit:1000");
        std::set<std::string> out;
        for (const auto& hit : result.hits) out.insert(hit.article.id);
        CHECK(out.size() == result.total);
        return out;
    };
    const std::vector<std::pair<std::string, std::string>> pairs{
        {"网络", "信息"}, {"公安机关", "立案"}, {"诽谤", "侮辱"}, {"人民法院", "被害人"}, {"情节", "严重"},
        {"依照", "处罚"}, {"\"捏造事实\"", "他人"}, {"personal", "information"}, {"court", "shall"}};
    std::size_t found = 0;
    for (const auto& [a, b] : pairs)
        for (const std::string connector : {"/0", "/1", "/3", "/10", "/40", "+2", "+10", "+40"}) {
            const auto narrowed = run(a + " " + connector + " " + b);
            CHECK(narrowed == run("(" + a + " OR " + a + ") " + connector + " " + b));
            found += narrowed.size();
        }
    CHECK(found > 50);  // the pairs do stand near each other: the comparison is not between empty lists
}

// A page re-ranks only the candidates that could reach it; any page must still be the same slice of the one
// whole ranking, and a hit's whole-word flag must not depend on the page it is shown on.
TEST_CASE("every page is the same slice of the whole ranking, with the whole-word boost applied alike") {
    const auto run = default_search;
    std::size_t boosted = 0;
    for (const std::string q : {"规定", "信息", "网络", "人民法院", "应当", "网络 /10 信息", "人民", "法律", "行为", "处罚",
                                "个人", "他人", "公民", "侮辱", "诽谤", "犯罪", "国家", "机关", "依法", "情节", "社会"}) {
        const auto whole = run(q + " status:all limit:1000");
        if (whole.total < 12) continue;
        for (std::size_t offset : {0, 1, 2, 3, 5, 7, 10}) {
            const auto page = run(q + " status:all limit:2 offset:" + std::to_string(offset));
            INFO(q << " offset " << offset);
            REQUIRE(page.total == whole.total);
            CHECK(page.by_instrument.size() == whole.by_instrument.size());
            for (std::size_t i = 0; i < page.hits.size(); ++i) {
                CHECK(page.hits[i].article.id == whole.hits[offset + i].article.id);
                CHECK(page.hits[i].whole_word == whole.hits[offset + i].whole_word);
            }
        }
        for (const auto& h : whole.hits) boosted += h.whole_word;
    }
    CHECK(boosted > 10);  // the boost does move hits here: the comparison means something
}
