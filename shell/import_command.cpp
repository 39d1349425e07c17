#include "import_command.hpp"

#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "compiler.hpp"
#include "default_kb.hpp"
#include "import.hpp"
#include "load.hpp"
#include "progress.hpp"

namespace lexq::shell {
namespace {

constexpr int exit_ok = 0, exit_refused = 1, exit_usage = 2;

constexpr const char* usage = R"(usage: lexq import --db PATH [options] FILE.md...
  --db PATH           the knowledge base to import into; made from the embedded one when PATH does not exist
  --id ID             the instrument's id (default: the instrument with the file's title, or the pinyin
                      initials of its short title)
  --short-title TEXT  the Chinese short title (default: the title without 中华人民共和国)
  --title-en TEXT     the English title (default: none)
  --kind KIND         law, judicial_interpretation, normative_document … (default: law)
  --issuer NAME       the issuing body (repeatable)
  --supersedes ID     the statute is a newer version of ID, which becomes superseded
The options apply to every file: several files under one --id are one instrument (the books of a code).
)";

struct ImportArgs {
    std::string db;
    kb::ImportOptions options;
    std::vector<std::string> files;
};

std::optional<ImportArgs> parse(int argc, char** argv) {
    ImportArgs a;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (!arg.starts_with("--")) {
            a.files.push_back(arg);
            continue;
        }
        if (i + 1 >= argc) {
            fmt::print(stderr, "lexq: import: {} needs a value\n", arg);
            return std::nullopt;
        }
        const std::string value = argv[++i];
        if (arg == "--db") a.db = value;
        else if (arg == "--id") a.options.id = value;
        else if (arg == "--short-title") a.options.short_title_zh = value;
        else if (arg == "--title-en") a.options.title_en = value;
        else if (arg == "--kind") a.options.kind = value;
        else if (arg == "--issuer") a.options.issuers.push_back(value);
        else if (arg == "--supersedes") a.options.supersedes = value;
        else {
            fmt::print(stderr, "lexq: import: unknown option '{}'\n{}", arg, usage);
            return std::nullopt;
        }
    }
    if (a.db.empty() || a.files.empty()) {
        fmt::print(stderr, "{}", usage);
        return std::nullopt;
    }
    return a;
}

// The knowledge base to import into: the file, or the embedded one when there is no file yet.
kb::KnowledgeBase load(const std::string& path) {
    if (!std::filesystem::exists(path)) {
        const kb::Blob blob = kb::default_database();
        return kb::load_knowledge_base(kb::Database::from_memory(blob.data, blob.size));
    }
    return kb::load_knowledge_base(kb::Database::open(path, true));
}

}  // namespace

int import_command(int argc, char** argv) {
    auto args = parse(argc, argv);
    if (!args) return exit_usage;
    kb::KnowledgeBase kb;
    try {
        kb = load(args->db);
    } catch (const std::exception& e) {
        fmt::print(stderr, "lexq: {}: not a knowledge base lexq can import into: {}\n", args->db, e.what());
        return exit_usage;
    }
    ProgressBar bar(isatty(STDERR_FILENO));
    std::vector<kb::ImportRequest> requests;
    for (const auto& file : args->files) requests.push_back({file, args->options});
    kb::Diagnostics problems;
    const auto notes = kb::import_statutes(kb.corpus, requests, problems,
                                           [&](std::size_t done) { bar.update("reading", done, requests.size()); });
    bar.finish();
    for (const auto& p : problems) fmt::print(stderr, "{}\n", p.str());
    if (!problems.empty()) {
        fmt::print(stderr, "lexq: {} problem(s); {} was not changed\n", problems.size(), args->db);
        return exit_refused;
    }
    try {
        const auto stats = kb::write_database(kb.corpus, args->db, kb.rules, &problems,
                                              [&](std::string_view phase, std::size_t done, std::size_t total) { bar.update(phase, done, total); });
        bar.finish();
        for (const auto& note : notes) fmt::print("{}\n", note);
        fmt::print("lexq: {}: {} instruments, {} articles, {} citations\n", args->db, stats.instruments, stats.articles, stats.citations);
    } catch (const std::exception& e) {
        bar.finish();
        for (const auto& p : problems) fmt::print(stderr, "{}\n", p.str());
        fmt::print(stderr, "lexq: cannot write {}: {}; it was not changed\n", args->db, e.what());
        return exit_refused;
    }
    return exit_ok;
}

}  // namespace lexq::shell
