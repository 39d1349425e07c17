// Every Chinese text in the corpus must be the official wording: each passage (each side of a […] gap) must
// occur character for character in the reference texts of ../shared/reference. Without them the test is
// skipped, and CTest says so.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler.hpp"
#include "model.hpp"

namespace fs = std::filesystem;
using namespace lexq::kb;

namespace {

constexpr int skip_code = 77;  // SKIP_RETURN_CODE in tests/CMakeLists.txt

std::string all_reference_text() {
    const char* shared = std::getenv("LEXQ_SHARED_DIR");  // lets a run point elsewhere (or nowhere)
    const fs::path dir = fs::path(shared ? shared : LEXQ_SHARED_DIR) / "reference";
    if (!fs::is_directory(dir)) {
        std::printf("SKIPPED: %s not found; Chinese text fidelity not checked\n", dir.c_str());
        std::exit(skip_code);
    }
    std::string all;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        all += text.str() + "\n";
    }
    return all;
}

void check_text(const std::string& reference, const std::string& zh, const std::string& where) {
    std::string_view rest = zh;
    for (;;) {
        const auto gap = rest.find(gap_marker);
        const std::string passage(rest.substr(0, gap));
        if (!passage.empty()) {
            INFO(where << ": " << passage);
            CHECK(reference.find(passage) != std::string::npos);
        }
        if (gap == std::string_view::npos) break;
        rest.remove_prefix(gap + std::string_view(gap_marker).size());
    }
}

}  // namespace

TEST_CASE("every Chinese text in the corpus is found verbatim in the reference texts") {
    const std::string reference = all_reference_text();
    Diagnostics problems;
    const auto corpus = load_corpus(corpus_files(LEXQ_SOURCE_DIR "/kb/corpus"), problems);
    REQUIRE(problems.empty());
    int checked = 0;
    for (const Instrument& in : corpus) {
        if (in.preamble) check_text(reference, in.preamble->zh, in.id + " preamble");
        for (const Heading& h : in.headings) check_text(reference, h.title.zh, in.id + " heading " + h.label);
        for (const Article& a : in.articles) {
            const std::string where = in.id + " " + a.number.str();
            check_text(reference, a.title_zh, where + " title");
            for (const Paragraph& p : a.paragraphs) {
                check_text(reference, p.text.zh, where);
                ++checked;
                for (const Item& item : p.items) check_text(reference, item.text.zh, where), ++checked;
            }
        }
    }
    CHECK(checked > 30);
}
