// lexq's thread rule, tested: one Engine per thread, several threads at once, each getting exactly the answers
// a single thread gets; and the compiler's second thread, which finds citations while the index is built.
// CI also runs this test in a ThreadSanitizer build (setup.sh test).
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>
#include <unistd.h>

#include "compiler.hpp"
#include "import.hpp"
#include "lexq/lexq.hpp"
#include "sqlite.hpp"

namespace {

const std::vector<std::string> statements = {
    "show 刑法第246条", "search 诽谤 status:all", "search defam* /s court", "citedby CL 246 depth:2", "refs OP2023D 12",
    "check 依照刑法第二百四十六条和《意见》第十二条", "apply act = {fabricate_defamation}, medium = network, views = 6000",
    "explain crime_defamation full given act = {insult}, medium = network", "show 民法典第一千一百九十五条至第一千一百九十六条"};

std::vector<std::string> answers(lexq::Engine& engine) {
    std::vector<std::string> out;
    for (const auto& s : statements)
        for (const auto& o : engine.run(s)) out.push_back(lexq::to_json(o));
    return out;
}

}  // namespace

TEST_CASE("one engine per thread: threads at once give the answers one thread gives") {
    lexq::Error error;
    auto baseline_engine = lexq::Engine::open_default(&error);
    REQUIRE(baseline_engine);
    const auto baseline = answers(*baseline_engine);
    constexpr int threads = 4, rounds = 3;
    std::vector<std::vector<std::string>> got(threads * rounds);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            lexq::Error e;
            auto engine = lexq::Engine::open_default(&e);
            for (int r = 0; r < rounds && engine; ++r) got[static_cast<std::size_t>(t * rounds + r)] = answers(*engine);
        });
    for (auto& thread : pool) thread.join();
    for (const auto& g : got) CHECK(g == baseline);
}

TEST_CASE("an engine may move to another thread between uses") {
    lexq::Error error;
    auto engine = lexq::Engine::open_default(&error);
    REQUIRE(engine);
    const auto first = answers(*engine);
    std::vector<std::string> second;
    std::thread([&] { second = answers(*engine); }).join();
    CHECK(first == second);
}

// The compiler finds citations on a second thread while the first builds the full-text index. Under
// ThreadSanitizer a shared cache or a stray use of the connection would show here as a race.
TEST_CASE("a build finds the same citations on its second thread, build after build") {
    namespace fs = std::filesystem;
    lexq::kb::Diagnostics problems;
    const auto corpus = lexq::kb::load_corpus(lexq::kb::corpus_files(LEXQ_SOURCE_DIR "/kb/corpus"), problems);
    REQUIRE(problems.empty());
    auto citations = [&](int n) {
        const fs::path path = fs::temp_directory_path() / ("lexq-thread-build-" + std::to_string(::getpid()) + "-" + std::to_string(n) + ".db");
        lexq::kb::write_database(corpus, path.string());
        auto db = lexq::kb::Database::open(path.string(), true);
        lexq::kb::Statement rows(db.handle(), "SELECT from_unit, start, text, status, (SELECT group_concat(target) FROM citation_target t"
                                              " WHERE t.citation_id = c.id) FROM citation c ORDER BY id");
        std::vector<std::string> out;
        while (rows.step()) out.push_back(rows.text(0) + " " + rows.text(1) + " " + rows.text(2) + " " + rows.text(3) + " " + rows.text(4));
        fs::remove(path);
        return out;
    };
    const auto first = citations(1);
    CHECK(first.size() > 100);  // the corpus cites the Criminal Law, the Civil Code and itself
    CHECK(citations(2) == first);
}

// An import reads its files on several threads and takes them in order: the same files give the same
// instruments and the same problems, in the same order, every time (and under ThreadSanitizer, no race).
TEST_CASE("an import reads files on several threads and keeps their order") {
    std::vector<lexq::kb::ImportRequest> requests;
    for (int round = 0; round < 4; ++round)
        for (const char* file : {"good.md", "empty_article.md", "not_utf8.md", "out_of_sequence.md", "no_articles.md"}) {
            lexq::kb::ImportRequest r{std::string(LEXQ_FIXTURES "/import/") + file, {}};
            r.options.id = "T" + std::to_string(round) + file[0] + file[1];
            requests.push_back(r);
        }
    auto import = [&] {
        std::vector<lexq::kb::Instrument> corpus;
        lexq::kb::Diagnostics problems;
        std::size_t last_progress = 0;
        lexq::kb::import_statutes(corpus, requests, problems, [&](std::size_t done) {
            CHECK(done >= last_progress);
            last_progress = done;
        });
        CHECK(last_progress == requests.size());
        std::vector<std::string> out;
        for (const auto& in : corpus) out.push_back(in.id + " " + std::to_string(in.articles.size()));
        for (const auto& p : problems) out.push_back(p.str());
        return out;
    };
    const auto first = import();
    CHECK(first.size() > requests.size());  // instruments and problems both
    CHECK(import() == first);
}
