// A knowledge base read back into its corpus and rules, the ground for importing into an existing database.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <unistd.h>

#include "compiler.hpp"
#include "load.hpp"
#include "sqlite.hpp"

namespace fs = std::filesystem;
using namespace lexq::kb;

namespace {

long long count(const Database& db, const std::string& sql) {
    Statement s(db.handle(), sql);
    s.step();
    return s.integer(0);
}

std::vector<std::string> tables(const Database& db) {
    Statement s(db.handle(), "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'article_fts%'"
                             " AND name NOT LIKE 'sqlite_%' ORDER BY name");
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

fs::path temp_db(const std::string& name) {
    return fs::temp_directory_path() / ("lexq-test-" + name + "-" + std::to_string(::getpid()) + ".db");
}

}  // namespace

TEST_CASE("a knowledge base read back and written again has the same rows in every table") {
    const auto original = Database::open(LEXQ_DEFAULT_DB, true);
    const KnowledgeBase kb = load_knowledge_base(original);
    REQUIRE(kb.corpus.size() == 16);
    REQUIRE_FALSE(kb.rules.files.empty());
    const fs::path copy = temp_db("roundtrip");
    write_database(kb.corpus, copy.string(), kb.rules);

    auto db = Database::open(LEXQ_DEFAULT_DB, true);
    db.exec("ATTACH '" + copy.string() + "' AS copy");
    const auto names = tables(db);
    for (const char* t : {"instrument", "heading", "article", "unit", "citation", "citation_target", "fact", "rule", "rule_cite"})
        CHECK(std::find(names.begin(), names.end(), t) != names.end());
    for (const std::string& t : names) {
        INFO("table " << t);
        CHECK(count(db, "SELECT count(*) FROM main." + t) == count(db, "SELECT count(*) FROM copy." + t));
        CHECK(count(db, "SELECT count(*) FROM (SELECT * FROM main." + t + " EXCEPT SELECT * FROM copy." + t + ")") == 0);
        CHECK(count(db, "SELECT count(*) FROM (SELECT * FROM copy." + t + " EXCEPT SELECT * FROM main." + t + ")") == 0);
    }
    CHECK(count(db, "SELECT count(*) FROM copy.article_fts WHERE article_fts MATCH '诽谤'") ==
          count(db, "SELECT count(*) FROM main.article_fts WHERE article_fts MATCH '诽谤'"));
    db.exec("DETACH copy");
    fs::remove(copy);
}

TEST_CASE("a database of another schema version is not read back") {
    const fs::path path = temp_db("oldschema");
    fs::copy_file(LEXQ_DEFAULT_DB, path, fs::copy_options::overwrite_existing);
    Database::open(path.string(), false).exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'");
    const auto db = Database::open(path.string(), true);
    CHECK_THROWS_WITH(load_knowledge_base(db), Catch::Contains("schema version 1, this lexq reads"));
    fs::remove(path);
}
