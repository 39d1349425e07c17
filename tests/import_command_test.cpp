// lexq import: statutes in Markdown into a knowledge base file, refused whole on any problem, and atomic.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <thread>

#include "numerals.hpp"
#include "process_support.hpp"
#include "sqlite.hpp"

using namespace lexq::test;

namespace {

const std::string good = std::string(LEXQ_FIXTURES) + "/import/good.md";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string one_value(const fs::path& db, const std::string& sql) {
    auto d = lexq::kb::Database::open(db.string(), true);
    lexq::kb::Statement s(d.handle(), sql);
    return s.step() ? s.text(0) : "(no row)";
}

// A knowledge base holding good.md, made fresh for each test that needs one.
fs::path base_with_good(const std::string& name) {
    const fs::path db = scratch() / name;
    fs::remove(db);
    REQUIRE(run_lexq({"import", "--db", db.string(), "--id", "TEST", good}).status == 0);
    return db;
}

// A statute of `articles` articles of test wording, long enough that an import takes a while.
fs::path big_statute(int articles) {
    std::string text = "# 测试大法\n\n2020年1月1日 测试机关通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n";
    for (int i = 1; i <= articles; ++i)
        text += lexq::kb::chinese_article(std::to_string(i)) + "　本条是测试用的条文，违反本法第一条规定的，依照前款处理。\n\n";
    return write_file("big.md", text);
}

}  // namespace

TEST_CASE("lexq import makes a knowledge base from the embedded one and the file, and says what it read") {
    const fs::path db = scratch() / "new.db";
    fs::remove(db);
    const Run r = run_lexq({"import", "--db", db.string(), good});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(contains(r.out, "import CSSLF (the pinyin initials of 测试示例法; --id chooses another): 测试示例法 (测试示例法), law,"
                          " 4 articles, a new instrument, adopted 2020-01-01, amended 2024-06-01; from " + good));
    CHECK(contains(r.out, "17 instruments"));
    CHECK(r.err.empty());  // standard error is not a terminal: no progress bar
    const Run show = run_lexq({"--db", db.string(), "--lang", "zh", "-c", "show 测试示例法第二条之一"});
    CHECK(show.status == 0);
    CHECK(contains(show.out, "（一）导入文件；"));
    const Run search = run_lexq({"--db", db.string(), "-c", "search 导入文件"});
    CHECK(contains(search.out, "CSSLF 2-1"));
    const Run cited = run_lexq({"--db", db.string(), "-c", "citedby CSSLF 1"});
    CHECK(contains(cited.out, "CSSLF 2-1(2)"));
    CHECK(contains(run_lexq({"--db", db.string(), "-c", "show 刑法第246条"}).out, "CL 246"));  // the embedded corpus is kept
}

TEST_CASE("lexq import takes the id, titles, kind and issuers from the command line") {
    const fs::path db = scratch() / "options.db";
    fs::remove(db);
    const Run r = run_lexq({"import", "--db", db.string(), "--id", "TEST", "--short-title", "测试法", "--title-en", "Test Law",
                            "--kind", "law", "--issuer", "测试机关", good});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(contains(r.out, "import TEST (given): 测试示例法 (测试法), law, 4 articles"));
    CHECK(one_value(db, "SELECT title_en || '|' || issuers || '|' || short_title_zh FROM instrument WHERE id = 'TEST'") ==
          "Test Law|[\"测试机关\"]|测试法");
    CHECK(contains(run_lexq({"--db", db.string(), "-c", "show 测试法第一条"}).out, "TEST 1"));
}

TEST_CASE("lexq import into an existing knowledge base adds to it; --supersedes makes a new version") {
    const fs::path db = base_with_good("version.db");
    const Run again = run_lexq({"import", "--db", db.string(), good});
    CHECK(contains(again.out, "import TEST (the instrument with this title; --id chooses another)"));
    CHECK(contains(again.out, "4 articles (0 new)"));
    const Run r = run_lexq({"import", "--db", db.string(), "--id", "TESTNEW", "--supersedes", "TEST", good});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(contains(r.out, "import TESTNEW (given; TEST is now superseded)"));
    CHECK(one_value(db, "SELECT status FROM instrument WHERE id = 'TEST'") == "superseded");
    CHECK(one_value(db, "SELECT newer FROM version_link WHERE older = 'TEST'") == "TESTNEW");
}

TEST_CASE("lexq import refuses a broken file whole: file:line, exit 1, the knowledge base unchanged") {
    const fs::path db = base_with_good("refused.db");
    const std::string before = slurp(db);
    const std::string broken = std::string(LEXQ_FIXTURES) + "/import/out_of_sequence.md";
    const Run r = run_lexq({"import", "--db", db.string(), good, broken});
    CHECK(r.status == 1);
    CHECK(contains(r.err, broken + ":"));
    CHECK(contains(r.err, "is out of sequence after"));
    CHECK(contains(r.err, "was not changed"));
    CHECK(r.out.empty());
    CHECK(std::hash<std::string>{}(slurp(db)) == std::hash<std::string>{}(before));
}

TEST_CASE("lexq import: usage errors and a file that is not a knowledge base exit 2") {
    const Run no_db = run_lexq({"import", good});
    CHECK(no_db.status == 2);
    CHECK(contains(no_db.err, "usage: lexq import --db PATH"));
    CHECK(run_lexq({"import", "--db", (scratch() / "x.db").string()}).status == 2);  // no file
    CHECK(run_lexq({"import", "--db", (scratch() / "x.db").string(), "--colour", "red", good}).status == 2);
    const fs::path text = write_file("not-a-kb.db", "this is not a database\n");
    const Run r = run_lexq({"import", "--db", text.string(), good});
    CHECK(r.status == 2);
    CHECK(contains(r.err, text.string() + ": not a knowledge base lexq can import into"));
    CHECK(slurp(text) == "this is not a database\n");
}

TEST_CASE("lexq import killed at any point leaves the knowledge base as it was, and intact") {
    const fs::path db = base_with_good("killed.db");
    const std::string before = slurp(db);
    fs::copy_file(db, scratch() / "killed-before.db", fs::copy_options::overwrite_existing);
    const fs::path big = big_statute(3000);
    const auto start = std::chrono::steady_clock::now();
    const fs::path full = scratch() / "full.db";
    fs::copy_file(db, full, fs::copy_options::overwrite_existing);
    REQUIRE(run_lexq({"import", "--db", full.string(), "--id", "BIG", big.string()}).status == 0);
    const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    const auto old_hash = std::hash<std::string>{}(before), new_hash = std::hash<std::string>{}(slurp(full));
    std::mt19937 random(8);
    int midway = 0;  // kills that stopped the import before it finished
    for (int attempt = 0; attempt < 20 && midway < 4; ++attempt) {
        const auto after = std::uniform_int_distribution<long>(0, duration)(random);
        INFO("killed after " << after << " ms of " << duration);
        int pipe_fds[2];
        REQUIRE(pipe(pipe_fds) == 0);
        const pid_t pid = spawn_lexq({"import", "--db", db.string(), "--id", "BIG", big.string()}, pipe_fds[0],
                                     scratch() / "kill.out", scratch() / "kill.err");
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        std::this_thread::sleep_for(std::chrono::milliseconds(after));
        kill(pid, SIGKILL);
        const int status = exit_status(pid);
        // Killed before the rename, the file is as it was; after it (between the rename and the exit), it is
        // the whole new knowledge base. Never anything in between.
        const auto now = std::hash<std::string>{}(slurp(db));
        CHECK((now == old_hash || now == new_hash));
        if (status != 0) CHECK(status == 128 + SIGKILL);
        if (status != 0 && now == old_hash) ++midway;
        CHECK(one_value(db, "PRAGMA integrity_check") == "ok");
        fs::copy_file(scratch() / "killed-before.db", db, fs::copy_options::overwrite_existing);
    }
    CHECK(midway > 0);
    CHECK(one_value(full, "SELECT count(*) FROM article WHERE instrument_id = 'BIG'") == "3000");
}
