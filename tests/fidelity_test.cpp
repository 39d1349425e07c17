// Every Chinese text in the corpus must be the official wording. Statutes and judicial interpretations are
// compared article by article, paragraph by paragraph and item by item with the reference texts in
// ../shared/reference; fragmentary texts (the Opinions) passage by passage. Without the reference texts the
// test is skipped, and CTest says so.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <sstream>

#include <unistd.h>

#include "compiler.hpp"
#include "import.hpp"
#include "load.hpp"
#include "markdown.hpp"
#include "model.hpp"
#include "sqlite.hpp"

namespace fs = std::filesystem;
using namespace lexq::kb;

namespace {

constexpr int skip_code = 77;  // SKIP_RETURN_CODE in tests/CMakeLists.txt

struct ReferenceFile {
    std::string name;
    std::string text;
    MarkdownStatute statute;
};

fs::path reference_dir() {
    const char* shared = std::getenv("LEXQ_SHARED_DIR");  // lets a run point elsewhere (or nowhere)
    return fs::path(shared ? shared : LEXQ_SHARED_DIR) / "reference";
}

std::vector<ReferenceFile> reference_files() {
    const fs::path dir = reference_dir();
    if (!fs::is_directory(dir)) {
        std::printf("SKIPPED: %s not found; Chinese text fidelity not checked\n", dir.c_str());
        std::exit(skip_code);
    }
    std::vector<ReferenceFile> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        files.push_back({entry.path().filename().string(), text.str(), parse_markdown_statute(text.str())});
    }
    return files;
}

const std::vector<ReferenceFile>& references() {
    static const std::vector<ReferenceFile> files = reference_files();
    return files;
}

const std::vector<Instrument>& corpus() {
    static const std::vector<Instrument> instruments = [] {
        Diagnostics problems;
        auto c = load_corpus(corpus_files(LEXQ_SOURCE_DIR "/kb/corpus"), problems);
        REQUIRE(problems.empty());
        return c;
    }();
    return instruments;
}

// "2023-12-29" → "2023年12月29日", as the collections' front matter writes dates.
std::string chinese_date(const std::string& iso) {
    return std::to_string(std::stoi(iso.substr(0, 4))) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
           std::to_string(std::stoi(iso.substr(8, 2))) + "日";
}

// The front matter of a reference copy: everything before its first article.
std::string head_of(const ReferenceFile& f) { return f.text.substr(0, f.text.find("第一条")); }

// Reference copies of the same version: the same title, and front matter naming the instrument's latest
// date; failing that, any of its dates (a copy may omit the publication date); failing that, undated copies.
std::vector<const ReferenceFile*> versions_of(const Instrument& in) {
    std::vector<std::string> dates{in.dates.adopted, in.dates.promulgated, in.dates.effective};
    dates.insert(dates.end(), in.dates.amended.begin(), in.dates.amended.end());
    std::erase(dates, std::string());
    std::string latest;
    for (const auto& d : dates) latest = std::max(latest, d);
    auto matching = [&](auto accept) {
        std::vector<const ReferenceFile*> out;
        for (const ReferenceFile& f : references())
            if (f.statute.title == in.title_zh && accept(head_of(f))) out.push_back(&f);
        return out;
    };
    auto names = [](const std::string& head, const std::string& date) { return head.find(chinese_date(date)) != std::string::npos; };
    auto out = matching([&](const std::string& head) { return !latest.empty() && names(head, latest); });
    if (out.empty())
        out = matching([&](const std::string& head) {
            return std::any_of(dates.begin(), dates.end(), [&](const std::string& d) { return names(head, d); });
        });
    if (out.empty()) out = matching([](const std::string& head) { return head.find("年") == std::string::npos; });
    return out;
}

const MarkdownArticle* article_in(const MarkdownStatute& s, const ArticleNumber& n) {
    for (const auto& a : s.articles)
        if (a.number == n) return &a;
    return nullptr;
}

bool same(const Article& a, const MarkdownArticle& ref) {
    if (a.paragraphs.size() != ref.paragraphs.size()) return false;
    for (std::size_t p = 0; p < a.paragraphs.size(); ++p) {
        const auto& mine = a.paragraphs[p];
        const auto& theirs = ref.paragraphs[p];
        if (mine.text.zh != theirs.text || mine.items.size() != theirs.items.size()) return false;
        for (std::size_t i = 0; i < mine.items.size(); ++i)
            if (mine.items[i].text.zh != theirs.items[i]) return false;
    }
    return true;
}

std::string describe(const MarkdownArticle& ref) {
    std::string out;
    for (const auto& p : ref.paragraphs) {
        out += "  ¶ " + p.text + "\n";
        for (const auto& item : p.items) out += "    " + item + "\n";
    }
    return out;
}

std::string describe(const Article& a) {
    std::string out;
    for (const auto& p : a.paragraphs) {
        out += "  ¶ " + p.text.zh + "\n";
        for (const auto& item : p.items) out += "    " + item.text.zh + "\n";
    }
    return out;
}

bool is_complete_text(const Instrument& in) {
    for (const Article& a : in.articles)
        for (const Paragraph& p : a.paragraphs) {
            if (p.text.zh_status == ZhStatus::missing || p.text.zh_status == ZhStatus::partial) return false;
            for (const Item& i : p.items)
                if (i.text.zh_status == ZhStatus::missing || i.text.zh_status == ZhStatus::partial) return false;
        }
    return true;
}

// Fragmentary texts: every passage on each side of a […] gap must occur verbatim in some reference text.
void check_passages(const std::string& zh, const std::string& where) {
    std::string_view rest = zh;
    for (;;) {
        const auto gap = rest.find(gap_marker);
        const std::string passage(rest.substr(0, gap));
        if (!passage.empty()) {
            bool found = false;
            for (const auto& f : references()) found = found || f.text.find(passage) != std::string::npos;
            INFO(where << ": " << passage);
            CHECK(found);
        }
        if (gap == std::string_view::npos) break;
        rest.remove_prefix(gap + std::string_view(gap_marker).size());
    }
}

void check_all_passages(const Instrument& in) {
    if (in.preamble) check_passages(in.preamble->zh, in.id + " preamble");
    for (const Heading& h : in.headings) check_passages(h.title.zh, in.id + " heading " + h.label);
    for (const Article& a : in.articles) {
        const std::string where = in.id + " " + a.number.str();
        check_passages(a.title_zh, where + " title");
        for (const Paragraph& p : a.paragraphs) {
            check_passages(p.text.zh, where);
            for (const Item& item : p.items) check_passages(item.text.zh, where);
        }
    }
}

}  // namespace

TEST_CASE("statutes and judicial interpretations match the reference article by article") {
    int compared = 0;
    for (const Instrument& in : corpus()) {
        if (in.kind == "normative_document") continue;
        const auto candidates = versions_of(in);
        INFO(in.id << " " << in.title_zh);
        REQUIRE_FALSE(candidates.empty());
        for (const Article& a : in.articles) {
            INFO("article " << a.number.str());
            const MarkdownArticle* first = nullptr;
            bool matched = false;
            for (const ReferenceFile* f : candidates)
                if (const MarkdownArticle* ref = article_in(f->statute, a.number)) {
                    first = first ? first : ref;
                    matched = matched || same(a, *ref);
                }
            REQUIRE(first);
            INFO("corpus:\n" << describe(a) << "reference:\n" << describe(*first));
            CHECK(matched);
            ++compared;
        }
        for (const Heading& h : in.headings) check_passages(h.title.zh, in.id + " heading " + h.label);
    }
    CHECK(compared > 100);
}

TEST_CASE("judicial interpretations are complete, preamble included") {
    for (const Instrument& in : corpus()) {
        if (in.kind != "judicial_interpretation") continue;
        INFO(in.id);
        const auto candidates = versions_of(in);
        REQUIRE(candidates.size() == 1);
        const MarkdownStatute& ref = candidates.front()->statute;
        REQUIRE(in.articles.size() == ref.articles.size());
        for (std::size_t i = 0; i < ref.articles.size(); ++i) CHECK(in.articles[i].number == ref.articles[i].number);
        REQUIRE(in.preamble);
        std::string preamble;
        for (const auto& line : ref.preamble) preamble += line;
        CHECK(in.preamble->zh == preamble);
    }
}

TEST_CASE("fragmentary texts hold only passages found verbatim in the reference") {
    int checked = 0;
    for (const Instrument& in : corpus()) {
        if (in.kind != "normative_document" && is_complete_text(in)) continue;
        INFO(in.id);
        check_all_passages(in);
        ++checked;
    }
    CHECK(checked >= 1);
}

TEST_CASE("whole statutes read from the reference have every article, in sequence") {
    std::map<std::string, std::pair<std::size_t, std::size_t>> counts;  // title → {numbered, 之一 articles}
    for (const auto& file : references()) {
        if (file.text.find("\n第一条") == std::string::npos && file.statute.articles.size() < 40) continue;  // not a statute
        Diagnostics problems;
        validate_markdown_statute(file.statute, file.name, problems);
        for (const auto& p : problems)
            if (p.message.find("第一百二十九条 is out of sequence after 第一百二十七条") == std::string::npos) FAIL_CHECK(p.str());
        auto& [numbered, sub] = counts[file.statute.title];
        for (const auto& article : file.statute.articles) ++(article.number.sub == 0 ? numbered : sub);
    }
    const std::map<std::string, std::pair<std::size_t, std::size_t>> expected{
        {"中华人民共和国刑法", {452, 53}},
        // The reference copy prints "第一百二十八 条侦查人员…": the import refuses it (above), so 307 of 308 are read.
        {"中华人民共和国刑事诉讼法", {307, 0}},
        {"中华人民共和国民事诉讼法", {306, 0}},
    };
    for (const auto& [title, count] : expected) {
        INFO(title);
        REQUIRE(counts.count(title));
        CHECK(counts[title] == count);
    }
}

TEST_CASE("whole statutes import into the knowledge base: counts checked, corpus articles kept") {
    REQUIRE_FALSE(references().empty());  // skips the test when the reference texts are absent
    const fs::path statutes = reference_dir() / "statutes";
    REQUIRE(fs::is_directory(statutes));
    const auto db = (fs::temp_directory_path() / ("lexq-import-full-" + std::to_string(::getpid()) + ".db")).string();
    std::string command = std::string(LEXQ_KBC) + " " + db + " " LEXQ_SOURCE_DIR "/kb/corpus";
    for (const char* spec : {"CL=criminal-law.md", "CC=civil-code-general-provisions.md", "CC=civil-code-personality-rights.md",
                             "CC=civil-code-tort-liability.md", "CIVPL=civil-procedure-law-2023.md"}) {
        const std::string s = spec;
        command += " --import " + s.substr(0, s.find('=') + 1) + (statutes / s.substr(s.find('=') + 1)).string();
    }
    REQUIRE(std::system((command + " >/dev/null").c_str()) == 0);
    auto kb = Database::open(db, true);
    const auto articles = [&](const std::string& id, const std::string& where = "") {
        Statement s(kb.handle(), "SELECT count(*) FROM article WHERE instrument_id = '" + id + "'" + where);
        s.step();
        return s.integer(0);
    };
    CHECK(articles("CL") == 452 + 53);
    CHECK(articles("CL", " AND number LIKE '%-%'") == 53);
    CHECK(articles("CC") == 204 + 51 + 95);
    CHECK(articles("CIVPL") == 306);
    // The corpus's own article keeps its English and its verbatim status.
    Statement kept(kb.handle(), "SELECT text_en FROM article WHERE id = 'CL 246'");
    REQUIRE(kept.step());
    CHECK_FALSE(kept.text(0).empty());
    fs::remove(db);
}

TEST_CASE("statutes imported without an id go to the instrument with their title, and the version with their date") {
    REQUIRE_FALSE(references().empty());  // skips the test when the reference texts are absent
    const fs::path statutes = reference_dir() / "statutes";
    auto kb = load_knowledge_base(Database::open(LEXQ_DEFAULT_DB, true));
    std::vector<ImportRequest> requests;
    for (const char* file : {"criminal-law.md", "public-security-admin-punishment-law-2012.md", "public-security-admin-punishment-law-2025.md",
                             "personal-information-protection-law-2021.md"})
        requests.push_back({(statutes / file).string(), {}});
    Diagnostics problems;
    const auto notes = import_statutes(kb.corpus, requests, problems);
    for (const auto& p : problems) FAIL_CHECK(p.str());
    REQUIRE(notes.size() == 4);
    CHECK(notes[0].starts_with("import CL (the instrument with this title"));
    CHECK(notes[1].starts_with("import PSAPL2012 (the version of 中华人民共和国治安管理处罚法 dated 2012-10-26"));
    CHECK(notes[2].starts_with("import PSAPL2025 (the version of 中华人民共和国治安管理处罚法 dated 2025-06-27"));
    CHECK(notes[3].starts_with("import PIPL (the instrument with this title"));
    const auto articles = [&](const std::string& id) { return std::ranges::find(kb.corpus, id, &Instrument::id)->articles.size(); };
    CHECK(articles("PSAPL2012") == 119);
    CHECK(articles("PSAPL2025") == 144);
    CHECK(articles("PIPL") == 74);
}
