// Tokenizer throughput over the corpus text (Chinese and English): lexq's own tokenizer, and the whole
// index chain (Porter wrapping it). Run: build/bin/lexq_bench_tokenizer
#include <benchmark/benchmark.h>

#include <string>

#include "sqlite.hpp"
#include "tokenizer.hpp"

namespace {

std::string corpus_text(const char* column) {
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    lexq::kb::Statement all(db.handle(), std::string("SELECT group_concat(") + column + ", char(10)) FROM article");
    all.step();
    return all.text(0);
}

void tokenize(benchmark::State& state, const char* column, bool chain) {
    const std::string text = corpus_text(column);
    auto db = lexq::kb::Database::open(LEXQ_DEFAULT_DB, true);
    lexq::kb::IndexTokenizer index(db.handle());
    for (auto _ : state) {
        if (chain)
            benchmark::DoNotOptimize(index.document(text));
        else
            benchmark::DoNotOptimize(lexq::kb::tokenize_document(text));
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void chinese_lexq(benchmark::State& s) { tokenize(s, "text_zh", false); }
void chinese_chain(benchmark::State& s) { tokenize(s, "text_zh", true); }
void english_lexq(benchmark::State& s) { tokenize(s, "text_en", false); }
void english_chain(benchmark::State& s) { tokenize(s, "text_en", true); }

}  // namespace

BENCHMARK(chinese_lexq);
BENCHMARK(chinese_chain);
BENCHMARK(english_lexq);
BENCHMARK(english_chain);
BENCHMARK_MAIN();
