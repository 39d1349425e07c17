// lexq-kbc: compiles the corpus (and the rules) into a knowledge base.
// Usage: lexq-kbc OUTPUT.db (DIRECTORY | FILE.toml)... [--rules RULES-DIRECTORY] [--import ID=STATUTE.md]...
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compiler.hpp"
#include "import.hpp"

namespace {

// "ID=FILE.md", or FILE.md alone for an id chosen from the file.
lexq::kb::ImportRequest import_request(const std::string& spec) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos) return {spec, {}};
    lexq::kb::ImportRequest r{spec.substr(equals + 1), {}};
    r.options.id = spec.substr(0, equals);
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fmt::print(stderr, "usage: lexq-kbc OUTPUT.db (CORPUS-DIRECTORY | FILE.toml)... [--rules RULES-DIRECTORY] [--import ID=STATUTE.md]...\n");
        return 2;
    }
    std::vector<std::string> files;
    std::string rules_directory;
    std::vector<lexq::kb::ImportRequest> imports;
    try {
        for (int i = 2; i < argc; ++i) {
            if (std::string(argv[i]) == "--rules" && i + 1 < argc) {
                rules_directory = argv[++i];
            } else if (std::string(argv[i]) == "--import" && i + 1 < argc) {
                imports.push_back(import_request(argv[++i]));
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
    for (const auto& note : lexq::kb::import_statutes(corpus, imports, problems)) fmt::print("{}\n", note);
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
