// Hostile and bad input, named limits at N and N+1, and the knowledge base under faults: each gets a clear
// error naming the position or the file, and nothing crashes, hangs or is half-written.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include "engine_support.hpp"
#include "parser.hpp"
#include "process_support.hpp"
#include "query.hpp"
#include "session.hpp"
#include "sqlite.hpp"

using namespace lexq::test;

namespace {

lexq::Outcome only(const std::vector<lexq::Outcome>& outcomes) {
    REQUIRE(outcomes.size() == 1);
    return outcomes.front();
}

lexq::Error error_of(const std::string& text) {
    const auto o = only(default_engine().run(text));
    REQUIRE(o.error);
    return *o.error;
}

std::string ors(std::size_t terms) {
    std::string q = "search t0";
    for (std::size_t i = 1; i < terms; ++i) q += " OR t" + std::to_string(i);
    return q;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

fs::path copy_of_default(const std::string& name) {
    const fs::path path = scratch() / name;
    fs::copy_file(LEXQ_DEFAULT_DB, path, fs::copy_options::overwrite_existing);
    return path;
}

std::string open_error(const fs::path& path) {
    lexq::Error error;
    auto engine = lexq::Engine::open(path.string(), &error);
    CHECK_FALSE(engine);
    return error.message;
}

// Overwrites every page of a table or index of the database with 0xff.
void damage_pages_of(const fs::path& path, const std::string& name) {
    std::vector<long long> pages;
    long long page_size = 0;
    {
        auto db = lexq::kb::Database::open(path.string(), true);
        lexq::kb::Statement size(db.handle(), "PRAGMA page_size");
        size.step();
        page_size = size.integer(0);
        lexq::kb::Statement s(db.handle(), "SELECT pageno FROM dbstat WHERE name = ?1");
        s.bind(1, name);
        while (s.step()) pages.push_back(s.integer(0));
    }
    REQUIRE_FALSE(pages.empty());
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    const std::string junk(static_cast<std::size_t>(page_size), '\xff');
    for (long long page : pages) {
        f.seekp((page - 1) * page_size);
        f.write(junk.data(), page_size);
    }
}

// Runs lexq with a limit on the size of files it writes (as a full disk would stop it), or as an
// unprivileged user when `unprivileged` (so that a read-only directory is read-only even under root).
int run_limited(const std::vector<std::string>& args, rlim_t file_size, bool unprivileged) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead of killing the program
        const rlimit limit{file_size, file_size};
        setrlimit(RLIMIT_FSIZE, &limit);
        if (unprivileged && geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(120);
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        std::vector<char*> argv{const_cast<char*>(LEXQ_BINARY)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(LEXQ_BINARY, argv.data());
        _exit(127);
    }
    return exit_status(pid);
}

std::string integrity(const fs::path& db) {
    auto d = lexq::kb::Database::open(db.string(), true);
    lexq::kb::Statement s(d.handle(), "PRAGMA integrity_check");
    return s.step() ? s.text(0) : "";
}

}  // namespace

TEST_CASE("limit: one input holds at most grammar::max_input_bytes") {
    constexpr std::size_t limit = lexq::grammar::max_input_bytes;
    REQUIRE(limit == 1048576);
    const std::string at_limit = "search " + std::string(limit - 7, 'a');
    const auto o = only(default_engine().run(at_limit));
    CHECK_FALSE(o.error);  // a 1 MB query is answered
    const lexq::Error e = error_of(at_limit + "a");
    CHECK(e.kind == "syntax error");
    CHECK(e.message == "input too long: 1048577 bytes, more than the 1048576 bytes one input may hold");
    CHECK(e.offset == limit);
}

TEST_CASE("limit: a search holds at most engine::max_terms terms and operators") {
    REQUIRE(lexq::engine::max_terms == 1024);
    const auto o = only(default_engine().run(ors(1023)));  // 1023 terms and one OR
    CHECK_FALSE(o.error);
    const lexq::Error e = error_of(ors(1024));
    CHECK(e.kind == "invalid query");
    CHECK(e.message == "more than 1024 terms and operators in one search");
    CHECK(error_of(ors(10000)).message == e.message);  // 10,000 OR terms: the same error, at once
}

TEST_CASE("limit: .read nests at most max_read_nesting files") {
    REQUIRE(lexq::shell::max_read_nesting == 16);
    // Script k reads script k+1; the last one runs a statement.
    const auto chain = [](int files) {
        for (int k = 1; k <= files; ++k)
            write_file("nest" + std::to_string(k) + ".lexq",
                       k < files ? ".read " + (scratch() / ("nest" + std::to_string(k + 1) + ".lexq")).string() + "\n" : "show CL 246(2)\n");
    };
    chain(16);
    Run r = run_lexq({"-c", ".read " + (scratch() / "nest1.lexq").string()});
    CHECK(r.status == 0);
    CHECK(contains(r.out, "CL 246(2)"));
    chain(17);
    r = run_lexq({"-c", ".read " + (scratch() / "nest1.lexq").string()});
    CHECK(r.status == 1);
    CHECK(contains(r.err, "error: .read nested deeper than 16 files (does " + (scratch() / "nest17.lexq").string() + " read itself?)"));
}

TEST_CASE("limit: article numbers run to 99999 and 之99; citedby depth to engine::max_depth") {
    CHECK(error_of("show 刑法第99999条").message == "刑法 (CL) has no article 99999; its articles run 1–452 plus its 之一 articles");
    CHECK(error_of("show 刑法第100000条").message == "'100000' is not a valid article number");
    CHECK(error_of("show 刑法第246条之99").message == "刑法 (CL) has no article 246-99; its articles run 1–452 plus its 之一 articles");
    CHECK(error_of("show 刑法第246条之100").message == "'100' is not a valid article number");
    CHECK_FALSE(only(default_engine().run("citedby CL 246 depth:5")).error);
    CHECK(error_of("citedby CL 246 depth:6").message == "depth: takes a number from 1 to 5");
}

TEST_CASE("hostile text gets a clear error at its position, never a crash") {
    CHECK(error_of("search 诽谤\xff\xfe").message == "invalid UTF-8");
    CHECK(error_of("search 诽谤\xff\xfe").offset == 13);
    CHECK(error_of("search \xe8\xaf").message == "invalid UTF-8");
    CHECK(error_of(std::string("search a\0b", 10)).message == "control character U+0000 is not allowed");
    CHECK(error_of("search a\x1b[31mb").message == "control character U+001B is not allowed");
    CHECK(error_of("search " + std::string(100000, '(') + "a" + std::string(100000, ')')).message.starts_with("nesting too deep"));
    CHECK(default_engine().run("").empty());
    CHECK(default_engine().run("  \n ").empty());
}

TEST_CASE("long tokens, right-to-left marks and mixed scripts are searched, not refused") {
    for (const std::string& q : std::vector<std::string>{"search " + std::string(200000, 'x'), "search " + std::string(60000, 'z') + "诽谤",
                                                         "search \u200f诽谤\u202e", "search ℌ𝔢𝔩𝔩𝔬 мир العربية", "search 诽谤abc123мир"}) {
        const auto o = only(default_engine().run(q));
        CAPTURE(q.substr(0, 40));
        CHECK_FALSE(o.error);
    }
    std::string long_chinese = "search ";
    for (int i = 0; i < 100; ++i) long_chinese += "诽谤";
    CHECK_FALSE(only(default_engine().run(long_chinese)).error);
    for (int i = 0; i < 20000; ++i) long_chinese += "诽谤";  // split into words, more than engine::max_terms
    CHECK(error_of(long_chinese).message == "more than 1024 terms and operators in one search");
    // The marks are format characters: the search is the search without them.
    const auto plain = only(default_engine().run("search 诽谤")).result->total;
    CHECK(only(default_engine().run("search \u200f诽谤\u200e")).result->total == plain);
}

TEST_CASE("FTS5 and SQL syntax in user text is never an SQLite error, and never runs") {
    const std::vector<std::string> hostile{
        "\"", "\"\"", "*", "**", "^", "^诽谤", "-", "-诽谤", ";", "'", "''", "NEAR", "NEAR(诽谤 侮辱, 2)", "诽谤 NEAR 侮辱",
        "{诽谤}", "诽谤:侮辱", "col:诽谤", "title:", "+", "诽谤 + 侮辱", "AND", "OR", "NOT", "诽谤 AND", "( )", ")", "(",
        "'); DROP TABLE article; --", "诽谤\" OR \"1\"=\"1", "1=1", "%", "_", "\\", "`", "$", "?1", ":x", "@x", "诽谤*侮辱",
        "* 诽谤", "诽*", "\"诽谤", "诽谤\"", "NEAR/3", "rank", "bm25(article_fts)", "x' UNION SELECT id FROM article --"};
    const std::vector<std::string> statements{"search ", "explain ", "show ", "refs ", "citedby ", "check ", "apply ", ""};
    for (const auto& statement : statements)
        for (const auto& text : hostile) {
            const std::string input = statement + text;
            CAPTURE(input);
            for (const auto& o : default_engine().run(input))
                if (o.error) CHECK(o.error->kind != "internal error");
        }
    const auto o = only(default_engine().run("search 诽谤 limit:1"));
    REQUIRE(o.result);
    CHECK(o.result->total > 0);  // the knowledge base is as it was
}

TEST_CASE("unknown names, wrong types, numbers out of range and missing articles are named") {
    CHECK(error_of("frobnicate").kind == "syntax error");
    CHECK(error_of("show 火星法第1条").kind == "unknown instrument");
    CHECK(error_of("show 刑法第1000条").message == "刑法 (CL) has no article 1000; its articles run 1–452 plus its 之一 articles");
    CHECK(error_of("show 刑法第99999999999条").kind == "no such provision");
    CHECK(error_of("apply nosuchfact = 1").message == "no fact named 'nosuchfact'");
    CHECK(error_of("apply views = red").kind == "wrong type");
    CHECK(error_of("apply views = 99999999999999999999999").kind == "wrong type");
    CHECK(error_of("apply medium = mars").message == "medium has no value 'mars'; its values are network, offline");
    CHECK(error_of("search 诽谤 limit:99999999999999999999").message == "limit: takes a number from 1 to 1000, not '99999999999999999999'");
    CHECK(error_of("search 诽谤 offset:-1").message == "offset: takes a number from 0 to 1000000, not '-1'");
    CHECK(error_of("citedby CL 246 depth:99999999999").kind == "invalid query");
}

TEST_CASE("a missing, truncated, damaged or foreign knowledge base is refused with the file and the fault") {
    const fs::path missing = scratch() / "missing.db";
    CHECK(open_error(missing) == "cannot open knowledge base: " + missing.string() + ": no such file");
    CHECK(open_error(scratch()) == "cannot open knowledge base: " + scratch().string() + " is a directory, not a knowledge base file");
    const fs::path empty = write_file("empty.db", "");
    CHECK(contains(open_error(empty), empty.string() + " is not a lexq knowledge base"));
    const fs::path text = write_file("text.db", "just some text, not a database at all, but long enough to have a header\n");
    CHECK(contains(open_error(text), text.string() + " is not a lexq knowledge base (prepare: file is not a database)"));
    const std::string whole = slurp(LEXQ_DEFAULT_DB);
    const fs::path truncated = write_file("truncated.db", whole.substr(0, whole.size() / 3));
    CHECK(contains(open_error(truncated), truncated.string() + " is damaged ("));
    const fs::path old = copy_of_default("old.db");
    lexq::kb::Database::open(old.string(), false).exec("UPDATE meta SET value = '3' WHERE key = 'schema_version'");
    CHECK(contains(open_error(old), old.string() + " has schema version 3, this lexq reads version"));
}

TEST_CASE("damage found during a query names the file; the engine goes on answering what it can") {
    const fs::path db = copy_of_default("damaged-index.db");
    damage_pages_of(db, "article_fts_data");
    lexq::Error error;
    auto engine = lexq::Engine::open(db.string(), &error);
    REQUIRE(engine);  // the index is not read at open
    const auto searched = engine->run("search 诽谤");
    REQUIRE(searched.at(0).error);
    CHECK(searched[0].error->kind == "I/O error");
    CHECK(contains(searched[0].error->message, db.string() + " is damaged ("));
    CHECK(contains(searched[0].error->message, "rebuild it with lexq-kbc or restore a copy"));
    const auto shown = engine->run("show 刑法第246条");
    CHECK_FALSE(shown.at(0).error);
}

TEST_CASE("readers keep reading while an import replaces the knowledge base") {
    const fs::path db = scratch() / "readers.db";
    fs::remove(db);
    REQUIRE(run_lexq({"import", "--db", db.string(), "--id", "TEST", std::string(LEXQ_FIXTURES) + "/import/good.md"}).status == 0);
    lexq::Error error;
    auto before = lexq::Engine::open(db.string(), &error);
    REQUIRE(before);
    const auto total = [](lexq::Engine& e, const std::string& q) {
        const auto o = e.run(q).at(0);
        REQUIRE(o.result);
        return o.result->total;
    };
    const std::size_t old_total = total(*before, "search 测试");
    // Readers in other processes at the same time as the import.
    std::vector<pid_t> readers;
    for (int i = 0; i < 6; ++i) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        close(fds[1]);
        readers.push_back(spawn_lexq({"--db", db.string(), "-c", "search 测试", "-c", "show 刑法第246条"}, fds[0],
                                     scratch() / ("reader" + std::to_string(i) + ".out"), "/dev/null"));
        close(fds[0]);
    }
    const Run import = run_lexq({"import", "--db", db.string(), "--id", "TESTNEW", std::string(LEXQ_FIXTURES) + "/import/good.md"});
    REQUIRE(import.status == 0);
    for (pid_t pid : readers) CHECK(exit_status(pid) == 0);
    CHECK(total(*before, "search 测试") == old_total);  // the open engine still reads the file it opened
    auto after = lexq::Engine::open(db.string(), &error);
    REQUIRE(after);
    CHECK(total(*after, "search 测试") > old_total);
    CHECK(integrity(db) == "ok");
}

TEST_CASE("a full disk or a read-only directory during an import: an error, and the previous knowledge base intact") {
    const fs::path dir = scratch() / "faults";
    fs::create_directories(dir);
    const fs::path db = dir / "kb.db";
    REQUIRE(run_lexq({"import", "--db", db.string(), "--id", "TEST", std::string(LEXQ_FIXTURES) + "/import/good.md"}).status == 0);
    const std::string before = slurp(db);
    const std::vector<std::string> import{"import", "--db", db.string(), "--id", "TESTNEW", std::string(LEXQ_FIXTURES) + "/import/good.md"};

    CHECK(run_limited(import, 256 * 1024, false) == 1);  // writes stop at 256 KB: the disk is full
    CHECK(slurp(db) == before);
    CHECK_FALSE(fs::exists(dir / "kb.db.tmp"));

    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    const int status = run_limited(import, RLIM_INFINITY, true);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add);
    if (status == 120) WARN("cannot drop privileges to test a read-only directory");
    else CHECK(status == 1);
    CHECK(slurp(db) == before);
    CHECK(integrity(db) == "ok");
}
