// What a build computes in one pass must equal the plain definition: here, the cited counts (how often other
// articles' Chinese texts cite an article as 刑法第二百四十六条), recomputed by searching every text.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include "compiler.hpp"
#include "numerals.hpp"
#include "sqlite.hpp"

namespace fs = std::filesystem;
using namespace lexq::kb;

namespace {

std::string zh_text(const Article& a) {
    std::string out;
    for (const Paragraph& p : a.paragraphs) {
        if (!out.empty()) out += '\n';
        out += p.text.zh;
        for (const Item& item : p.items) out += '\n' + item.text.zh;
    }
    return out;
}

// The definition: every occurrence of title + 第N条 in another article's text, not followed by 之.
std::map<std::string, int> cited_by_definition(const std::vector<Instrument>& corpus) {
    std::map<std::string, int> out;
    for (const Instrument& in : corpus)
        for (const Article& a : in.articles) {
            const std::string citation = in.short_title_zh + chinese_article(a.number.str());
            int count = 0;
            for (const Instrument& other_in : corpus)
                for (const Article& other : other_in.articles) {
                    if (&other == &a) continue;
                    const std::string text = zh_text(other);
                    for (auto at = text.find(citation); at != std::string::npos; at = text.find(citation, at + 1))
                        if (text.substr(at + citation.size(), 3) != "之") ++count;
                }
            out[in.id + " " + a.number.str()] = count;
        }
    return out;
}

std::map<std::string, int> cited_in_database(const std::string& path) {
    Database db = Database::open(path, true);
    Statement get(db.handle(), "SELECT a.id, r.cited FROM article a JOIN article_rank r ON r.rowid = a.rowid");
    std::map<std::string, int> out;
    while (get.step()) out[get.text(0)] = static_cast<int>(get.integer(1));
    return out;
}

}  // namespace

TEST_CASE("a build's cited counts equal every citation string counted in every other article") {
    Diagnostics problems;
    auto corpus = load_corpus(corpus_files(LEXQ_SOURCE_DIR "/kb/corpus"), problems);
    REQUIRE(problems.empty());
    // A second instrument with the Criminal Law's short title: its articles are cited by the same strings.
    const auto cl = std::find_if(corpus.begin(), corpus.end(), [](const Instrument& in) { return in.id == "CL"; });
    REQUIRE(cl != corpus.end());
    Instrument twin = *cl;
    twin.id = "CLTWIN";
    corpus.push_back(twin);

    const fs::path path = fs::temp_directory_path() / ("lexq-build-" + std::to_string(::getpid()) + ".db");
    write_database(corpus, path.string());
    const auto expected = cited_by_definition(corpus);
    const auto built = cited_in_database(path.string());
    fs::remove(path);
    CHECK(built == expected);
    int total = 0;
    for (const auto& [id, count] : expected) total += count;
    CHECK(total > 0);  // the corpus does cite its articles so: the comparison is not of zeros
    CHECK(built.at("CL 246") == built.at("CLTWIN 246"));
}

TEST_CASE("article numbers: canonical Chinese spellings and digits are read; prose and lenient spellings are not") {
    using lexq::kb::parse_number;
    CHECK(parse_number("二百四十六") == 246);
    CHECK(parse_number("一百零一") == 101);
    CHECK(parse_number("一百〇一") == 101);
    CHECK(parse_number("十") == 10);
    CHECK(parse_number("九万九千九百九十九") == 99999);
    CHECK(parse_number("246") == 246);
    CHECK_FALSE(parse_number("二四六"));      // ICU alone would read 246
    CHECK_FALSE(parse_number("十万"));        // above the largest article number
    CHECK_FALSE(parse_number("三人"));        // 第三人…条: prose that happens to start with 第
    CHECK_FALSE(parse_number("三人民法院依照本法"));
    CHECK_FALSE(parse_number(""));
    for (int n : {1, 19, 20, 110, 1000, 1001, 10010, 45678}) CHECK(parse_number(lexq::kb::chinese_number(n)) == n);
}

// 1…2000 are spelled from a table made at build time; above it ICU formats at run time. Both must be ICU's.
TEST_CASE("Chinese numerals from the build-time table are ICU's spell-out, and read back") {
    UErrorCode status = U_ZERO_ERROR;
    icu::RuleBasedNumberFormat spellout(icu::URBNF_SPELLOUT, icu::Locale("zh"), status);
    REQUIRE(U_SUCCESS(status));
    for (int n = 1; n <= 2600; ++n) {
        icu::UnicodeString spelled;
        spellout.format(static_cast<int32_t>(n), spelled);
        spelled.findAndReplace(u"〇", u"零");
        std::string expected;
        spelled.toUTF8String(expected);
        INFO(n);
        REQUIRE(lexq::kb::chinese_number(n) == expected);
        REQUIRE(lexq::kb::parse_number(expected) == n);
    }
    CHECK_FALSE(lexq::kb::parse_number("一十二"));  // not the canonical 十二
    CHECK_FALSE(lexq::kb::parse_number("一一"));
}
