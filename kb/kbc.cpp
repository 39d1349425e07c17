// lexq-kbc: compiles the corpus (and the rules) into a knowledge base.
// Usage: lexq-kbc OUTPUT.db (DIRECTORY | FILE.toml)... [--rules RULES-DIRECTORY] [--import ID=STATUTE.md]...
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compiler.hpp"
#include "import.hpp"
#include "validate.hpp"
#include "sqlite.hpp"

namespace {

// "ID=FILE.md": a statute in Markdown, imported as the instrument ID.
std::optional<lexq::kb::Instrument> import_statute(const std::string& spec, lexq::kb::Diagnostics& problems) {
    const auto equals = spec.find('=');
    lexq::kb::ImportOptions options;
    if (equals != std::string::npos) options.id = spec.substr(0, equals);
    return lexq::kb::read_markdown_statute(equals == std::string::npos ? spec : spec.substr(equals + 1), options, problems);
}

// What was read from the files, to be confirmed by whoever runs the import.
void print_import(const lexq::kb::Instrument& in) {
    std::string amended;
    for (const auto& date : in.dates.amended) amended += (amended.empty() ? "" : ", ") + date;
    fmt::print("import {}: {} ({}), {} articles{}{}{}\n", in.id, in.title_zh, in.short_title_zh, in.articles.size(),
               in.dates.adopted.empty() ? "" : ", adopted " + in.dates.adopted,
               amended.empty() ? "" : ", amended " + amended,
               in.dates.effective.empty() ? "" : ", effective " + in.dates.effective);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fmt::print(stderr, "usage: lexq-kbc OUTPUT.db (CORPUS-DIRECTORY | FILE.toml)... [--rules RULES-DIRECTORY] [--import ID=STATUTE.md]...\n");
        return 2;
    }
    std::vector<std::string> files;
    std::string rules_directory;
    std::vector<std::string> imports;
    try {
        for (int i = 2; i < argc; ++i) {
            if (std::string(argv[i]) == "--rules" && i + 1 < argc) {
                rules_directory = argv[++i];
            } else if (std::string(argv[i]) == "--import" && i + 1 < argc) {
                imports.emplace_back(argv[++i]);
            } else if (std::filesystem::is_directory(argv[i])) {
                auto found = lexq::kb::corpus_files(argv[i]);
                files.insert(files.end(), found.begin(), found.end());
            } else {
                files.emplace_back(argv[i]);
            }
        }
    } catch (const std::filesystem::filesystem_error& e) {
        fmt::print(stderr, "lexq-kbc: {}\n", e.what());
        return 2;
    }
    lexq::kb::Diagnostics problems;
    auto corpus = lexq::kb::load_corpus(files, problems);
    std::vector<std::string> imported;
    for (const auto& spec : imports) {
        auto in = import_statute(spec, problems);
        if (!in) continue;
        if (std::ranges::find(imported, in->id) == imported.end()) imported.push_back(in->id);
        lexq::kb::merge_import(corpus, std::move(*in));
    }
    for (const auto& id : imported) {
        const auto& in = *std::ranges::find(corpus, id, &lexq::kb::Instrument::id);
        lexq::kb::validate(in, problems);
        print_import(in);
    }
    if (!imports.empty()) lexq::kb::validate_links(corpus, problems);
    lexq::kb::RuleBook rules;
    if (!rules_directory.empty()) {
        rules = lexq::kb::load_rulebook(rules_directory, problems);
        lexq::kb::validate_rulebook(rules, problems);
    }
    for (const auto& p : problems) fmt::print(stderr, "{}\n", p.str());
    if (!problems.empty()) {
        fmt::print(stderr, "lexq-kbc: {} problem(s); {} was not written\n", problems.size(), argv[1]);
        return 1;
    }
    try {
        auto stats = lexq::kb::write_database(corpus, argv[1], rules, &problems);
        fmt::print("lexq-kbc: {} instruments, {} articles, {} paragraphs and items, {} citations, {} rules → {}\n",
                   stats.instruments, stats.articles, stats.units, stats.citations, stats.rules, argv[1]);
    } catch (const std::exception& e) {
        for (const auto& p : problems) fmt::print(stderr, "{}\n", p.str());
        fmt::print(stderr, "lexq-kbc: cannot write {}: {}\n", argv[1], e.what());
        return 1;
    }
    return 0;
}
