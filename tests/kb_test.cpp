// The knowledge-base layer: corpus validation, the compiler, the database it writes, the tokenizer.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <memory>

#include <sys/wait.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include "compiler.hpp"
#include "reader.hpp"
#include "schema.hpp"
#include "sqlite.hpp"
#include "t2s.hpp"
#include "tokenizer.hpp"

namespace fs = std::filesystem;
using namespace lexq::kb;

namespace {

fs::path temp_dir(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("lexq-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

long long count(const Database& db, const std::string& sql) {
    Statement s(db.handle(), sql);
    s.step();
    return s.integer(0);
}

std::string join(const Diagnostics& ds) {
    std::string out;
    for (const auto& d : ds) out += d.str() + "\n";
    return out;
}

}  // namespace

TEST_CASE("every corpus file is valid") {
    const auto files = corpus_files(LEXQ_SOURCE_DIR "/kb/corpus");
    REQUIRE(files.size() >= 2);
    Diagnostics problems;
    auto corpus = load_corpus(files, problems);
    INFO(join(problems));
    CHECK(problems.empty());
    CHECK(corpus.size() == files.size());
}

TEST_CASE("each bad corpus file is reported at its line, and only that problem") {
    for (const auto& file : corpus_files(LEXQ_FIXTURES "/corpus-bad")) {
        const std::string text = read_file(file).value();
        // First line: "# expect: LINE: MESSAGE"
        const auto colon = text.find(':', 10);
        REQUIRE(text.rfind("# expect: ", 0) == 0);
        const int line = std::stoi(text.substr(10, colon - 10));
        const std::string message = text.substr(colon + 2, text.find('\n') - colon - 2);
        Diagnostics problems;
        load_corpus({file}, problems);
        INFO(file << "\n" << join(problems));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].file == file);
        CHECK(problems[0].line == line);
        CHECK(problems[0].message.find(message) != std::string::npos);
        CHECK(problems[0].str().rfind(file + ":" + std::to_string(line) + ": ", 0) == 0);
    }
}

TEST_CASE("invalid UTF-8 is reported with its line") {
    const fs::path dir = temp_dir("utf8");
    const fs::path file = dir / "bad.toml";
    std::ofstream(file) << "id = \"TBAD\"\n\ntitle_zh = \"\xe5\x88\"\n";
    Diagnostics problems;
    load_corpus({file.string()}, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 3);
    CHECK(problems[0].message == "invalid UTF-8");
    fs::remove_all(dir);
}

TEST_CASE("two instruments that name each other in a link must agree") {
    const fs::path dir = temp_dir("links");
    std::string old_text = read_file(LEXQ_FIXTURES "/corpus-good/old.toml").value();
    std::string new_text = read_file(LEXQ_FIXTURES "/corpus-good/new.toml").value();
    new_text.replace(new_text.find("supersedes = [\"TOLD\"]"), 21, "");
    std::ofstream(dir / "old.toml") << old_text;
    std::ofstream(dir / "new.toml") << new_text;
    Diagnostics problems;
    load_corpus(corpus_files(dir.string()), problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "superseded_by names 'TNEW', but TNEW does not list 'TOLD' in supersedes");
    fs::remove_all(dir);
}

TEST_CASE("the compiler writes every instrument, article, paragraph and item") {
    const fs::path dir = temp_dir("build");
    Diagnostics problems;
    auto corpus = load_corpus(corpus_files(LEXQ_FIXTURES "/corpus-good"), problems);
    REQUIRE(problems.empty());
    const std::string path = (dir / "kb.db").string();
    const BuildStats stats = write_database(corpus, path);
    CHECK(stats.instruments == 2);
    CHECK(stats.articles == 4);
    CHECK(stats.units == 7);  // 4 paragraphs + 2 items in TNEW, 1 paragraph in TOLD

    Database db = Database::open(path, true);
    CHECK(count(db, "SELECT count(*) FROM instrument") == 2);
    CHECK(count(db, "SELECT count(*) FROM article") == 4);
    CHECK(count(db, "SELECT count(*) FROM unit WHERE item IS NOT NULL") == 2);
    CHECK(count(db, "SELECT count(*) FROM version_link WHERE older = 'TOLD' AND newer = 'TNEW'") == 1);
    CHECK(count(db, "SELECT key FROM article WHERE id = 'TNEW 2-1'") == article_key(2, 1));
    CHECK(count(db, "SELECT count(*) FROM unit WHERE id = 'TNEW 1(2)(2)' AND zh_status = 'missing' AND text_zh = ''") == 1);
    CHECK(count(db, "SELECT count(*) FROM unit WHERE id = 'TNEW 2(1)' AND source = 'a single copy'") == 1);
    CHECK(count(db, "SELECT count(*) FROM instrument_name WHERE name = '旧测试法' AND instrument_id = 'TOLD'") == 1);
    CHECK(count(db, "SELECT count(*) FROM instrument_name WHERE name = 'test law' AND instrument_id = 'TNEW'") == 1);
    CHECK(count(db, "SELECT count(*) FROM heading WHERE instrument_id = 'TNEW'") == 2);
    CHECK(count(db, "SELECT count(*) FROM meta WHERE key = 'schema_version' AND value = '" +
                        std::to_string(schema_version) + "'") == 1);
    CHECK(count(db, "SELECT count(*) FROM article_fts WHERE article_fts MATCH '\"诽谤\"'") == 1);
    CHECK(count(db, "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'defamation'") == 1);
    fs::remove_all(dir);
}

TEST_CASE("a failed build leaves the previous database untouched and no temporary file") {
    const fs::path dir = temp_dir("atomic");
    const std::string path = (dir / "kb.db").string();
    const std::string command = std::string(LEXQ_KBC) + " " + path + " ";
    REQUIRE(std::system((command + LEXQ_FIXTURES "/corpus-good >/dev/null").c_str()) == 0);
    const std::string before = read_file(path).value();
    REQUIRE(!before.empty());
    const int status = std::system((command + LEXQ_FIXTURES "/corpus-bad 2>/dev/null").c_str());
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(read_file(path).value() == before);
    CHECK_FALSE(fs::exists(path + ".tmp"));

    Diagnostics problems;
    auto corpus = load_corpus(corpus_files(LEXQ_FIXTURES "/corpus-good"), problems);
    CHECK_THROWS(write_database(corpus, (dir / "no-such-dir" / "kb.db").string()));
    CHECK(read_file(path).value() == before);
    fs::remove_all(dir);
}

TEST_CASE("the tokenizer pairs Chinese characters and keeps byte offsets") {
    const std::string text = "诽谤他人";
    auto tokens = tokenize_document(text);
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[0].text == "诽谤");
    CHECK(tokens[1].text == "谤他");
    CHECK(tokens[2].text == "他人");
    CHECK(tokens[3].text == "人");
    CHECK(tokens[3].colocated);
    for (const Token& t : tokens) {
        // every token's span is the original characters it stands for
        CHECK(fold(text.substr(static_cast<std::size_t>(t.start), static_cast<std::size_t>(t.end - t.start))) == t.text);
    }
}

TEST_CASE("the tokenizer folds width and case, and splits scripts") {
    auto tokens = tokenize_document("ＡＢＣ１２３ Defamation，第246条");
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[0].text == "abc123");
    CHECK(tokens[0].start == 0);
    CHECK(tokens[0].end == 18);  // six full-width characters of three bytes
    CHECK(tokens[1].text == "defamation");
    CHECK(tokens[2].text == "第");
    CHECK_FALSE(tokens[2].colocated);
    CHECK(tokens[3].text == "246");
    CHECK(tokens[4].text == "条");
    CHECK(ends_with_lone_ideograph("第246条"));
    CHECK_FALSE(ends_with_lone_ideograph("诽谤"));
    CHECK_FALSE(ends_with_lone_ideograph("abc"));
}

#include "rulebook.hpp"

namespace {

// A rules directory with a small facts vocabulary and one rule file.
lexq::kb::Diagnostics check_rules(const std::string& rules) {
    const fs::path dir = temp_dir("rules");
    std::ofstream(dir / "facts.toml") << "[[fact]]\nname = \"views\"\ntype = \"integer\"\nzh = \"浏览次数\"\nen = \"views\"\n"
                                         "[[fact]]\nname = \"act\"\ntype = \"set\"\nzh = \"行为\"\nen = \"act\"\n"
                                         "  [[fact.value]]\n  name = \"insult\"\n  zh = \"侮辱\"\n  en = \"insult\"\n"
                                         "[[fact]]\nname = \"minor\"\ntype = \"boolean\"\nzh = \"未成年人\"\nen = \"minor\"\n";
    std::ofstream(dir / "a.rules") << rules;
    Diagnostics problems;
    auto book = load_rulebook(dir.string(), problems);
    validate_rulebook(book, problems);
    fs::remove_all(dir);
    return problems;
}

const char* conclusions = "conclusion c1 kind crime\n  zh \"甲\" en \"A\"\nconclusion c2 kind circumstance\n  zh \"乙\" en \"B\"\n";

}  // namespace

TEST_CASE("a good rule file passes the rulebook's checks") {
    const auto problems = check_rules(std::string(conclusions) +
                                      "rule r1 concludes c1\n  cites CL 246\n  when act has insult and (views >= 5000 or minor) and c2\n"
                                      "rule r2 concludes c2\n  cites CL 246\n  when not minor\n");
    INFO(join(problems));
    CHECK(problems.empty());
}

TEST_CASE("rule files report syntax, names, types, values and cycles at their line") {
    const std::vector<std::tuple<std::string, int, std::string>> cases = {
        {"rule r1 concludes c1\n  cites CL 246\n  when views >=\n", 8, "expected a value"},
        {"rule r1 concludes c1\n  cites CL 246\n  when viewz >= 1\n", 7, "unknown fact 'viewz'"},
        {"rule r1 concludes c1\n  cites CL 246\n  when views = many\n", 7, "'views' takes a number, not 'many'"},
        {"rule r1 concludes c1\n  cites CL 246\n  when act has abuse\n", 7, "'act' has no value 'abuse'"},
        {"rule r1 concludes c1\n  cites CL 246\n  when views\n", 7, "'views' is a integer fact"},
        {"rule r1 concludes c3\n  cites CL 246\n  when minor\n", 5, "concludes unknown 'c3'"},
        {"rule r1 concludes c1\n  cites CL 246\n  when c2\nrule r2 concludes c2\n  cites CL 246\n  when c1\n", 1, "depend on themselves"},
    };
    for (const auto& [rules, line, message] : cases) {
        const auto problems = check_rules(std::string(conclusions) + rules);
        INFO(rules << "\n" << join(problems));
        REQUIRE_FALSE(problems.empty());
        CHECK(problems.front().message.find(message) != std::string::npos);
        if (message != "depend on themselves") CHECK(problems.front().line == line);
    }
}

TEST_CASE("the generated Traditional-Simplified table gives what ICU's transliterator gives, for every ideograph") {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t2s(icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    REQUIRE(U_SUCCESS(status));
    int changed = 0;
    for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
        if (!u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) continue;
        icu::UnicodeString text(c);
        t2s->transliterate(text);
        std::string expected, original;
        text.toUTF8String(expected);
        icu::UnicodeString(c).toUTF8String(original);
        if (expected != original) ++changed;
        if (simplified_ideographs(original) != expected) FAIL_CHECK("U+" << std::hex << c);
    }
    CHECK(changed > 2000);
    CHECK(simplified_ideographs("誹謗a隱私權") == "诽谤a隐私权");
}

TEST_CASE("NFKC case folding leaves every unified ideograph as it is, and every one is an ideograph") {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    REQUIRE(U_SUCCESS(status));
    for (UChar32 c = first_unified_ideograph; c <= static_cast<UChar32>(last_unified_ideograph); ++c) {
        const icu::UnicodeString one(c);
        if (nfkc_cf->normalize(one, status) != one || !is_ideograph(static_cast<char32_t>(c))) FAIL_CHECK("U+" << std::hex << c);
    }
    REQUIRE(U_SUCCESS(status));
    CHECK(fold("刑法ＡＢ") == "刑法ab");  // the fast path beside the normaliser's
}

TEST_CASE("a cached statement is reset after use, and a nested use of the same SQL gets a statement of its own") {
    auto db = lexq::kb::Database::open(":memory:", false);
    db.exec("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES (1), (2), (3);");
    const std::string sql = "SELECT n FROM t WHERE n >= ?1 ORDER BY n";
    std::vector<long long> outer_rows, inner_rows;
    {
        auto outer = db.prepare(sql);
        outer->bind(1, 2);
        while (outer->step()) {
            outer_rows.push_back(outer->integer(0));
            auto inner = db.prepare(sql);  // the cached one is mid-step: this must not disturb it
            inner->bind(1, 1);
            while (inner->step()) inner_rows.push_back(inner->integer(0));
        }
    }
    CHECK(outer_rows == std::vector<long long>{2, 3});
    CHECK(inner_rows == std::vector<long long>{1, 2, 3, 1, 2, 3});
    auto again = db.prepare(sql);  // reset and unbound: ?1 is NULL, so nothing matches
    CHECK_FALSE(again->step());
}

// The matcher counts a segment's positions without tokens, and skips a segment no ideograph (or pair) of which folds
// to a Chinese term's first character: both must agree with the index tokens themselves.
TEST_CASE("counted positions and the first-character and pair screens agree with the index tokens") {
    auto db = lexq::kb::Database::open(":memory:", false);
    const IndexTokenizer tokenizer(db.handle());
    Diagnostics problems;
    const auto corpus = load_corpus(corpus_files(LEXQ_SOURCE_DIR "/kb/corpus"), problems);
    std::vector<std::string> texts{"", "a", "刑", "刑法", "刑法第二百四十六条", "Article 246 of the Criminal Law",
                                   "誹謗ＡＢ　網絡", "x刑y法z", "第一百零一条之一（一）", "defamatory defaming", "𠀀𠀁 丽"};
    for (const auto& in : corpus)
        for (const auto& a : in.articles)
            for (const auto& p : a.paragraphs) {
                texts.push_back(p.text.zh);
                texts.push_back(p.text.en);
                for (const auto& item : p.items) texts.push_back(item.text.zh);
            }
    REQUIRE(texts.size() > 300);
    for (const auto& text : texts) {
        const auto tokens = tokenizer.document(text);
        INFO(text);
        CHECK(count_positions(text) == (tokens.empty() ? 0 : tokens.back().position + 1));
        for (const auto& t : tokens) {
            const auto* bytes = reinterpret_cast<const uint8_t*>(t.text.data());
            int32_t first = 0;
            UChar32 c = -1;
            if (!t.text.empty()) U8_NEXT(bytes, first, static_cast<int32_t>(t.text.size()), c);
            if (c < 0 || !is_ideograph(static_cast<char32_t>(c))) continue;
            if (!has_ideograph_folding_to(text, t.text.substr(0, static_cast<std::size_t>(first)))) FAIL_CHECK(t.text);
            const std::string source = text.substr(static_cast<std::size_t>(t.start), static_cast<std::size_t>(t.end - t.start));
            if (code_points(source) == 2 && !has_ideographs_folding_to(text, t.text)) FAIL_CHECK("pair " << t.text);
        }
    }
    CHECK_FALSE(has_ideograph_folding_to("刑法", "民"));
    CHECK(has_ideograph_folding_to("誹謗", "诽"));  // Traditional folds to Simplified
    CHECK(has_ideographs_folding_to("散布誹謗言论", "诽谤"));
    CHECK_FALSE(has_ideographs_folding_to("诽，谤", "诽谤"));  // not side by side
    CHECK_FALSE(has_ideographs_folding_to("谤诽", "诽谤"));
    // The pair screen takes a bigram to come from exactly two characters: no ideograph folds to more than one.
    for (UChar32 c = 0; c <= 0x10FFFF; ++c)
        if (is_ideograph(static_cast<char32_t>(c))) {
            const std::string& f = fold_code_point(static_cast<char32_t>(c));
            if (code_points(f) != 1)
                FAIL_CHECK("U+" << std::hex << c);
        }
}
