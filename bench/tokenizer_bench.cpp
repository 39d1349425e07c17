// Tokenizer throughput (bytes of UTF-8 per second): lexq's own tokenizer and the whole index chain (Porter
// wrapping it), against raw ICU word segmentation and FTS5's own unicode61 and trigram tokenizers, over one
// text. The text is the file named by LEXQ_BENCH_TEXT (bench/run gives the statutes' Chinese text), else the
// corpus text of the embedded knowledge base. Run: build/bin/lexq_bench_tokenizer
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "sqlite.hpp"
#include "tokenizer.hpp"

namespace {

std::string corpus_text(const char* column) {
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    lexq::kb::Statement all(db.handle(), std::string("SELECT group_concat(") + column + ", char(10)) FROM article");
    all.step();
    return all.text(0);
}

const std::string& chinese_text() {
    static const std::string text = [] {
        const char* path = std::getenv("LEXQ_BENCH_TEXT");
        if (!path) return corpus_text("text_zh");
        std::ifstream in(path, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }();
    return text;
}

void processed(benchmark::State& state, const std::string& text) {
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void tokenize(benchmark::State& state, const std::string& text, bool chain) {
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    lexq::kb::IndexTokenizer index(db.handle());
    for (auto _ : state) {
        if (chain)
            benchmark::DoNotOptimize(index.document(text));
        else
            benchmark::DoNotOptimize(lexq::kb::tokenize_document(text));
    }
    processed(state, text);
}

// ICU's dictionary-based word segmentation over the UTF-8 text, counting words: what a word-level
// Chinese tokenizer would at least pay.
void icu_words(benchmark::State& state) {
    const std::string& text = chinese_text();
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    for (auto _ : state) {
        UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
        words->setText(ut, status);
        long n = 0;
        for (int32_t p = words->first(); p != icu::BreakIterator::DONE; p = words->next()) ++n;
        benchmark::DoNotOptimize(n);
        utext_close(ut);
    }
    processed(state, text);
}

fts5_api* fts5_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, nullptr);
    sqlite3_bind_pointer(s, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(s);
    sqlite3_finalize(s);
    return api;
}

int count_token(void* n, int, const char*, int, int, int) {
    ++*static_cast<long*>(n);
    return SQLITE_OK;
}

// One of FTS5's built-in tokenizers, called as the index calls it.
void fts5_builtin(benchmark::State& state, const char* name) {
    const std::string& text = chinese_text();
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    fts5_api* api = fts5_of(db.handle());
    void* user = nullptr;
    fts5_tokenizer methods{};
    Fts5Tokenizer* tokenizer = nullptr;
    if (!api || api->xFindTokenizer(api, name, &user, &methods) != SQLITE_OK || methods.xCreate(user, nullptr, 0, &tokenizer) != SQLITE_OK) {
        state.SkipWithError("FTS5 tokenizer not available");
        return;
    }
    for (auto _ : state) {
        long n = 0;
        methods.xTokenize(tokenizer, &n, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()), count_token);
        benchmark::DoNotOptimize(n);
    }
    methods.xDelete(tokenizer);
    processed(state, text);
}

void chinese_lexq(benchmark::State& s) { tokenize(s, chinese_text(), false); }
void chinese_chain(benchmark::State& s) { tokenize(s, chinese_text(), true); }
void chinese_icu_words(benchmark::State& s) { icu_words(s); }
void chinese_fts5_unicode61(benchmark::State& s) { fts5_builtin(s, "unicode61"); }
void chinese_fts5_trigram(benchmark::State& s) { fts5_builtin(s, "trigram"); }
void english_lexq(benchmark::State& s) {
    static const std::string text = corpus_text("text_en");
    tokenize(s, text, false);
}
void english_chain(benchmark::State& s) {
    static const std::string text = corpus_text("text_en");
    tokenize(s, text, true);
}

}  // namespace

BENCHMARK(chinese_lexq);
BENCHMARK(chinese_chain);
BENCHMARK(chinese_icu_words);
BENCHMARK(chinese_fts5_unicode61);
BENCHMARK(chinese_fts5_trigram);
BENCHMARK(english_lexq);
BENCHMARK(english_chain);
BENCHMARK_MAIN();
