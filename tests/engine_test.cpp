// The engine through its public API, over the default knowledge base built from kb/corpus.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include <unistd.h>
#include <set>

#include <nlohmann/json.hpp>

#include "engine_support.hpp"
#include "lexq/lexq.hpp"
#include "compiler.hpp"
#include "reader.hpp"
#include "sqlite.hpp"
#include "tokenizer.hpp"

namespace {

lexq::Outcome run_one(const std::string& statement) {
    auto outcomes = default_engine().run(statement);
    REQUIRE(outcomes.size() == 1);
    return outcomes.front();
}

lexq::Provision show(const std::string& citation) {
    auto o = run_one("show " + citation);
    INFO(citation << ": " << (o.error ? o.error->message : ""));
    REQUIRE(o.ok());
    REQUIRE(o.result->provisions.size() == 1);
    return o.result->provisions.front();
}

lexq::Error error_of(const std::string& statement) {
    auto o = run_one(statement);
    REQUIRE(o.error);
    return *o.error;
}

// Every article a query finds, whatever its status.
std::set<std::string> search_ids(const std::string& query) {
    auto o = run_one("search " + query + " status:all limit:1000");
    INFO(query << ": " << (o.error ? o.error->message : ""));
    REQUIRE(o.ok());
    INFO("total " << o.result->total << ", hits " << o.result->hits.size());
    REQUIRE(o.result->hits.size() == o.result->total);  // pick terms with fewer hits than a page
    std::set<std::string> ids;
    for (const auto& hit : o.result->hits) ids.insert(hit.article.id);
    return ids;
}

// Substring truth: the articles whose topic or text contains `term`, straight from the database file.
std::set<std::string> containing(const std::string& term) {
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    lexq::kb::Statement s(db.handle(),
                          "SELECT id FROM article WHERE instr(lower(title), lower(?1)) OR instr(lower(headings), lower(?1))"
                          " OR instr(text_zh, ?1) OR instr(lower(text_en), lower(?1))");
    s.bind(1, term);
    std::set<std::string> ids;
    while (s.step()) ids.insert(s.text(0));
    return ids;
}

}  // namespace

TEST_CASE("every way of citing Criminal Law article 246 reaches the same article") {
    for (const char* citation : {"刑法第246条", "刑法第二百四十六条", "《中华人民共和国刑法》第二百四十六条",
                                 "中华人民共和国刑法第246条", "CL 246", "cl 246", "Cl 246"}) {
        INFO(citation);
        CHECK(show(citation).id == "CL 246");
    }
}

TEST_CASE("show gives every article of every corpus file exactly as the file has it") {
    int shown = 0;
    for (const auto& file : lexq::kb::corpus_files(LEXQ_SOURCE_DIR "/kb/corpus")) {
        lexq::kb::Diagnostics problems;
        auto in = lexq::kb::read_instrument(file, problems);
        REQUIRE(in);
        for (const auto& source : in->articles) {
            const lexq::Provision p = show(in->id + " " + source.number.str());
            INFO(p.id);
            REQUIRE(p.parts.size() == source.paragraphs.size());
            for (std::size_t i = 0; i < p.parts.size(); ++i) {
                const auto& para = source.paragraphs[i];
                CHECK(p.parts[i].text_zh == para.text.zh);
                CHECK(p.parts[i].text_en == para.text.en);
                CHECK(p.parts[i].zh_status == lexq::kb::to_string(para.text.zh_status));
                CHECK(p.parts[i].paragraph == static_cast<int>(i) + 1);
                REQUIRE(p.parts[i].parts.size() == para.items.size());
                for (std::size_t j = 0; j < para.items.size(); ++j) CHECK(p.parts[i].parts[j].text_zh == para.items[j].text.zh);
            }
            CHECK(p.instrument_title == in->title_zh);
            CHECK(p.status == in->status);
            CHECK_FALSE(p.source.empty());
            ++shown;
        }
    }
    CHECK(shown > 100);
}

TEST_CASE("Criminal Law article 246 carries its Chinese citation and heading path") {
    const lexq::Provision p = show("CL 246");
    CHECK(p.instrument_title == "中华人民共和国刑法");
    CHECK(p.status == "in_force");
    CHECK(p.zh_status == "verbatim");
    CHECK(p.citation_zh == "刑法第二百四十六条");
    REQUIRE(p.headings.size() == 2);
    CHECK(p.headings[0].label == "第二编");
    CHECK(p.headings[1].label == "第四章");
}

TEST_CASE("paragraphs and items are addressable") {
    const auto para = show("刑法第246条第2款");
    CHECK(para.id == "CL 246(2)");
    CHECK(para.paragraph == 2);
    CHECK(para.text_zh.rfind("前款罪", 0) == 0);
    CHECK(show("刑法第二百四十六条第二款").id == "CL 246(2)");
    CHECK(show("CL 246(3)").citation_zh == "刑法第二百四十六条第三款");
    const auto item = show("OP2023D 8(2)(1)");
    CHECK(item.item == 1);
    CHECK(item.text_zh.find("未成年人") != std::string::npos);
    CHECK(show("意见（征求意见稿）第8条第(1)项").id == "OP2023D 8(2)(1)");  // the Opinions' own numbering
    CHECK(show("OP2023D 12(2)(5)").id == "OP2023D 12(2)(5)");
}

TEST_CASE("all 20 articles of the draft Opinions are there, gaps marked as gaps") {
    int missing = 0;
    for (int n = 1; n <= 20; ++n) {
        const auto p = show("OP2023D " + std::to_string(n));
        CHECK(p.status == "draft");
        CHECK_FALSE(p.text_en.empty());
        if (p.zh_status == "missing") {
            ++missing;
            std::string rest = p.text_zh;  // nothing but gap markers, one per line
            for (std::size_t at; (at = rest.find("[…]")) != std::string::npos;) rest.erase(at, std::string("[…]").size());
            CHECK(rest.find_first_not_of("\n") == std::string::npos);
        }
    }
    CHECK(missing > 0);  // the reference could not supply every article; they must not be filled in
    CHECK(show("OP2023D 8").zh_status == "partial");
}

TEST_CASE("citation failures explain themselves") {
    auto e = error_of("show 刑罚第246条");
    CHECK(e.kind == "unknown instrument");
    CHECK(e.offset == 5);
    CHECK(std::find(e.suggestions.begin(), e.suggestions.end(), "刑法") != e.suggestions.end());

    e = error_of("show 刑法第999条");
    CHECK(e.kind == "no such provision");
    CHECK(e.message == "刑法 (CL) has no article 999; its articles run 1–452 plus its 之一 articles");

    e = error_of("show 刑法第一百三十三条");  // exists in the Criminal Law, not held here
    CHECK(e.message.find("has article 133, but the knowledge base does not hold it") != std::string::npos);

    e = error_of("show CL 246(4)");
    CHECK(e.kind == "no such provision");
    CHECK(e.message == "CL 246 has 3 paragraph(s); there is no paragraph 4");
    CHECK(e.offset == std::string("show CL 246(").size());

    e = error_of("show 刑法第二四六条");  // not a well-formed numeral
    CHECK(e.kind == "no such provision");
    CHECK(e.message.find("二四六") != std::string::npos);

    // 零 (or 〇) inside a Chinese numeral: the number is read right, so the message names it.
    for (auto [citation, number] : {std::pair{"刑法第一百零一条", "101,"}, {"刑法第一千零三十二条", "1032;"},
                                    {"刑法第一百〇一条", "101,"}, {"刑法第二百五十三条之二", "253-2;"}}) {
        INFO(citation);
        CHECK(error_of(std::string("show ") + citation).message.find(std::string("article ") + number) != std::string::npos);
    }
    // Forms outside lexq's own are read by the citation scanner.
    CHECK(error_of("show (x").message == "no citation in '(x'");
    CHECK(error_of("show Article 999 of the Criminal Law").message.find("no article 999") != std::string::npos);

    e = error_of("show 第246条");
    CHECK(e.message.find("name the instrument") != std::string::npos);
}

TEST_CASE("a syntax error is one failed outcome with its byte offset") {
    const std::string text = "show 刑法第246";
    auto outcomes = default_engine().run(text);
    REQUIRE(outcomes.size() == 1);
    REQUIRE(outcomes[0].error);
    CHECK(outcomes[0].error->kind == "syntax error");
    CHECK(outcomes[0].error->offset == text.size());
}

TEST_CASE("a statement is complete unless more input could finish it") {
    for (const char* unfinished : {"show 刑法第", "search \"诽谤", "search (诽谤 OR", "apply act = {insult,",
                                   "apply act = {insult", "apply act = {insult}, views = 6000,"}) {
        INFO(unfinished);
        CHECK_FALSE(lexq::is_complete(unfinished));
    }
    for (const char* finished : {"", "show CL 246", "apply act = {insult, intimidate}, views = 6000", "show CL 9x9 zz",
                                 "apply act = {insult,,}"}) {
        INFO(finished);
        CHECK(lexq::is_complete(finished));
    }
}

TEST_CASE("several statements give one outcome each, failures do not stop the rest") {
    auto outcomes = default_engine().run("show CL 246; show CL 999; search 诽谤");
    REQUIRE(outcomes.size() == 3);
    CHECK(outcomes[0].ok());
    CHECK_FALSE(outcomes[1].ok());
    CHECK(outcomes[1].statement == "show CL 999");
    CHECK(outcomes[2].ok());
}

TEST_CASE("search finds every article that contains a Chinese term of 1-4 characters, and nothing else") {
    for (const char* term : {"诽谤", "侮辱", "徒刑", "网暴", "公诉", "自诉", "隐私", "网络暴力", "人民法院", "公安机关",
                             "情节严重", "信息网络", "诉", "第一款", "“水军”", "人格权", "个人信息", "公益诉讼", "禁令",
                             "寻衅滋事", "罚金", "拘留", "名誉", "肖像", "拘役", "管制", "罚款", "未成年人", "转发", "点击",
                             "精神", "犯罪", "法人", "谣言", "水军", "人肉", "深度合成", "禁止令", "近亲属", "刑", "法", "网"}) {
        INFO(term);
        CHECK(search_ids(term) == containing(term));
    }
}

TEST_CASE("a term with more hits than a page still counts every article, and shows only true hits") {
    const auto truth = containing("罪");
    auto o = run_one("search 罪 status:all");
    REQUIRE(o.ok());
    REQUIRE(truth.size() > o.result->hits.size());
    CHECK(o.result->total == truth.size());
    for (const auto& hit : o.result->hits) CHECK(truth.count(hit.article.id) == 1);
}

// Truth from word forms listed by hand, not from the stemmer under test.
TEST_CASE("English terms match their inflected and derived forms, case-insensitively") {
    const std::vector<std::pair<std::string, std::vector<std::string>>> families = {
        {"defamation", {"defame", "defamed", "defames", "defaming", "defamation", "defamatory"}},
        {"defamatory", {"defame", "defamed", "defames", "defaming", "defamation", "defamatory"}},
        {"Court", {"court", "courts"}},
        {"insult", {"insult", "insults", "insulted", "insulting"}},
        {"prosecution", {"prosecution", "prosecutions", "prosecute", "prosecuted", "prosecutes", "prosecuting"}},
    };
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    for (const auto& [query, forms] : families) {
        INFO(query);
        std::set<std::string> truth;
        lexq::kb::Statement all(db.handle(), "SELECT id, title || ' ' || headings || ' ' || text_en FROM article");
        while (all.step()) {
            std::string text = all.text(1);
            for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            for (const auto& form : forms)
                for (std::size_t at = text.find(form); at != std::string::npos; at = text.find(form, at + 1)) {
                    const bool starts = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
                    const std::size_t end = at + form.size();
                    const bool ends = end == text.size() || !std::isalpha(static_cast<unsigned char>(text[end]));
                    if (starts && ends) truth.insert(all.text(0));
                }
        }
        REQUIRE_FALSE(truth.empty());
        CHECK(search_ids(query) == truth);
    }
}

TEST_CASE("AND, OR and NOT combine as sets") {
    const auto a = search_ids("诽谤"), b = search_ids("侮辱");
    std::set<std::string> both, either, only_a;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(both, both.end()));
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::inserter(either, either.end()));
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(only_a, only_a.end()));
    CHECK(search_ids("诽谤 AND 侮辱") == both);
    CHECK(search_ids("诽谤 侮辱") == both);
    CHECK(search_ids("诽谤 OR 侮辱") == either);
    CHECK(search_ids("诽谤 NOT 侮辱") == only_a);
    CHECK(search_ids("(诽谤 OR 侮辱) NOT 侮辱") == only_a);
    CHECK(search_ids("\"公然侮辱\"") == containing("公然侮辱"));
}

TEST_CASE("search hits carry highlighted snippets, the statute defining the crime ranks first") {
    auto o = run_one("search 诽谤 status:all");
    REQUIRE(o.ok());
    REQUIRE_FALSE(o.result->hits.empty());
    CHECK(o.result->hits.front().article.id == "CL 246");
    for (const auto& hit : o.result->hits) {
        REQUIRE_FALSE(hit.snippets.empty());
        const auto& s = hit.snippets.front();
        REQUIRE_FALSE(s.highlights.empty());
        CHECK(s.text.substr(s.highlights[0].offset, s.highlights[0].length) == "诽谤");
    }
}

TEST_CASE("user text never reaches FTS5 as syntax") {
    for (const char* query : {"NEAR(诽谤", "诽谤*", "^诽谤", "诽谤-侮辱", "a:b", "'; DROP TABLE article; --",
                              "\"侮辱 OR\"", "col:诽谤", "+", "，。"}) {
        INFO(query);
        auto outcomes = default_engine().run(std::string("search ") + query);
        for (const auto& o : outcomes)
            if (o.error) CHECK(o.error->kind != "internal error");
    }
    CHECK(error_of("search ，。").kind == "invalid query");
    CHECK(error_of("search NOT 诽谤").kind == "invalid query");
}

TEST_CASE("opening a knowledge base that is not there or not lexq's fails clearly") {
    lexq::Error error;
    CHECK_FALSE(lexq::Engine::open("/nonexistent/kb.db", &error));
    CHECK(error.kind == "I/O error");
    CHECK(error.message.find("/nonexistent/kb.db") != std::string::npos);
    CHECK_FALSE(lexq::Engine::open(LEXQ_SOURCE_DIR "/kb/corpus/cl.toml", &error));
    CHECK(error.message.find("not a lexq knowledge base") != std::string::npos);
    auto file = lexq::Engine::open(LEXQ_DEFAULT_DB, &error);
    REQUIRE(file);
    CHECK(file->run("show CL 246").front().ok());
}

TEST_CASE("JSON carries the documented provision fields") {
    auto o = run_one("show CL 246(2)");
    auto doc = nlohmann::json::parse(lexq::to_json(o));
    CHECK(doc["ok"] == true);
    const auto& p = doc["result"]["provisions"][0];
    CHECK(p["id"] == "CL 246(2)");
    CHECK(p["instrument_id"] == "CL");
    CHECK(p["instrument_title"] == "中华人民共和国刑法");
    CHECK(p["article"] == "246");
    CHECK(p["paragraph"] == 2);
    CHECK(p["item"].is_null());
    CHECK(p["text_zh"].get<std::string>().rfind("前款罪", 0) == 0);
    CHECK_FALSE(p["text_en"].get<std::string>().empty());
    CHECK(p["status"] == "in_force");
    CHECK_FALSE(p["source"].get<std::string>().empty());

    auto missing = nlohmann::json::parse(lexq::to_json(run_one("show OP2023D 13")));
    CHECK(missing["result"]["provisions"][0]["text_zh"].is_null());

    auto failed = nlohmann::json::parse(lexq::to_json(run_one("show CL 999")));
    CHECK(failed["ok"] == false);
    CHECK(failed["error"]["kind"] == "no such provision");
    CHECK(failed["error"]["offset"] == 5);
}

// tests/golden/explain.txt: every operator's query tree, FTS5 expression and filters, or its error.
TEST_CASE("explain search matches the golden file for every operator") {
    std::ifstream in(LEXQ_SOURCE_DIR "/tests/golden/explain.txt");
    REQUIRE(in);
    std::vector<std::pair<std::string, std::vector<std::string>>> blocks;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("#")) continue;
        if (line.starts_with("explain ")) blocks.push_back({line, {}});
        else if (!line.empty() && !blocks.empty()) blocks.back().second.push_back(line);
    }
    REQUIRE(blocks.size() >= 30);
    for (const auto& [statement, expected] : blocks) {
        INFO(statement);
        const auto o = run_one(statement);
        std::vector<std::string> actual;
        if (o.error) {
            actual.push_back("error: " + o.error->kind + ": " + o.error->message);
        } else {
            actual = {"query:   " + o.result->tree, "match:   " + o.result->match, "filters: " + o.result->filters};
            if (o.result->exact) actual.push_back("exact:   candidates are checked for proximity on the text");
        }
        CHECK(actual == expected);
    }
}

TEST_CASE("search finds provisions in force by default, status:all adds drafts and superseded versions") {
    const auto in_force = run_one("search 诽谤 limit:1000");
    REQUIRE(in_force.ok());
    for (const auto& hit : in_force.result->hits) CHECK(hit.article.status == "in_force");
    const auto all = run_one("search 诽谤 status:all limit:1000");
    REQUIRE(all.ok());
    CHECK(all.result->total > in_force.result->total);
    const auto drafts = run_one("search 诽谤 status:draft limit:1000");
    for (const auto& hit : drafts.result->hits) CHECK(hit.article.instrument_id == "OP2023D");
    // On a date before the 2025 revision took effect, the 2012 text is the one in force.
    const auto then = run_one("search 侮辱 instrument:PSAPL2012,PSAPL2025 date:2025-06-01");
    REQUIRE(then.ok());
    REQUIRE(then.result->hits.size() == 1);
    CHECK(then.result->hits[0].article.id == "PSAPL2012 42");
    const auto now = run_one("search 侮辱 instrument:PSAPL2012,PSAPL2025 date:2026-06-01");
    REQUIRE(now.result->hits.size() == 1);
    CHECK(now.result->hits[0].article.id == "PSAPL2025 50");
}

TEST_CASE("a knowledge base indexed with another ICU or tokenizer is refused with a clear message") {
    const auto copy = std::filesystem::temp_directory_path() / ("lexq-icu-" + std::to_string(::getpid()) + ".db");
    for (const auto& [key, word] : {std::pair{"icu_version", "ICU"}, std::pair{"tokenizer", "tokenizer"}}) {
        std::filesystem::copy_file(LEXQ_DEFAULT_DB, copy, std::filesystem::copy_options::overwrite_existing);
        {
            auto db = lexq::kb::Database::open(copy.string(), false);
            db.exec(std::string("UPDATE meta SET value = 'other' WHERE key = '") + key + "'");
        }
        lexq::Error error;
        CHECK_FALSE(lexq::Engine::open(copy.string(), &error));
        INFO(error.message);
        CHECK(error.message.find(word) != std::string::npos);
        CHECK(error.message.find("rebuild it with lexq-kbc") != std::string::npos);
    }
    std::filesystem::remove(copy);
}

namespace {

// Runs lexq-kbc on the fixture corpus with `imports` (ID=FILE.md …); returns its exit status and output.
std::pair<int, std::string> import_into(const std::string& db, const std::string& imports) {
    const std::string log = db + ".log";
    const std::string command = std::string(LEXQ_KBC) + " " + db + " " + LEXQ_FIXTURES "/corpus-good " + imports + " >" + log + " 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream in(log);
    std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return {WEXITSTATUS(status), output};
}

}  // namespace

TEST_CASE("an imported statute is shown, searched and its citations linked") {
    const auto db = (std::filesystem::temp_directory_path() / ("lexq-import-" + std::to_string(::getpid()) + ".db")).string();
    const auto [status, output] = import_into(db, "--import TEST=" LEXQ_FIXTURES "/import/good.md");
    INFO(output);
    REQUIRE(status == 0);
    CHECK(output.find("import TEST (given): 测试示例法 (测试示例法), law, 4 articles, a new instrument, adopted 2020-01-01, amended 2024-06-01") != std::string::npos);
    lexq::Error error;
    auto engine = lexq::Engine::open(db, &error);
    REQUIRE(engine);
    auto shown = engine->run("show 测试示例法第二条之一第二款");
    REQUIRE(shown.at(0).ok());
    const auto& paragraph = shown[0].result->provisions.at(0);
    CHECK(paragraph.text_zh == "前款规定的行为，依照本法第一条处理。");
    CHECK(paragraph.zh_status == "unverified");
    CHECK(paragraph.text_en.empty());
    REQUIRE(paragraph.citations.size() >= 2);
    auto cited = engine->run("citedby TEST 1");
    REQUIRE(cited.at(0).ok());
    REQUIRE(cited[0].result->references.size() == 1);
    CHECK(cited[0].result->references[0].from == "TEST 2-1(2)");
    auto found = engine->run("search 导入 instrument:TEST");
    REQUIRE(found.at(0).ok());
    std::set<std::string> ids;
    for (const auto& hit : found[0].result->hits) ids.insert(hit.article.id);
    CHECK(ids == std::set<std::string>{"TEST 1", "TEST 2-1"});  // 为了测试导入; 导入文件
    std::filesystem::remove(db);
    std::filesystem::remove(db + ".log");
}

TEST_CASE("a broken import names file and line, and leaves the knowledge base as it was") {
    const auto db = (std::filesystem::temp_directory_path() / ("lexq-import-bad-" + std::to_string(::getpid()) + ".db")).string();
    REQUIRE(import_into(db, "").first == 0);
    std::ifstream before_file(db, std::ios::binary);
    const std::string before((std::istreambuf_iterator<char>(before_file)), std::istreambuf_iterator<char>());
    const auto [status, output] = import_into(db, "--import BAD=" LEXQ_FIXTURES "/import/out_of_sequence.md");
    CHECK(status == 1);
    CHECK(output.find("out_of_sequence.md:7: 第四条 is out of sequence after 第二条: expected 第三条 or 第二条之一") != std::string::npos);
    std::ifstream after_file(db, std::ios::binary);
    CHECK(std::string((std::istreambuf_iterator<char>(after_file)), std::istreambuf_iterator<char>()) == before);
    CHECK_FALSE(std::filesystem::exists(db + ".tmp"));
    const auto [missing_status, missing] = import_into(db, "--import GONE=/nonexistent/statute.md");
    CHECK(missing_status == 1);
    CHECK(missing == "/nonexistent/statute.md:0: cannot read the file\nlexq-kbc: 1 problem(s); " + db + " was not written\n");
    std::filesystem::remove(db);
    std::filesystem::remove(db + ".log");
}
