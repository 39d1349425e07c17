// lexq: the interactive shell, one-shot (-c) and batch (-f, standard input) modes.
#include <algorithm>
#include <clocale>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "lexq/lexq.hpp"
#include "import_command.hpp"
#include "repl.hpp"
#include "serve.hpp"
#include "session.hpp"

namespace {

constexpr int exit_ok = 0, exit_failed = 1, exit_usage = 2;

constexpr const char* usage = R"(usage: lexq [options]
  -c STATEMENTS     run the statements and exit (repeatable)
  -f FILE           run the statements of FILE, one line at a time, and exit
  --db PATH         use the knowledge base at PATH instead of the embedded one
  --json            print one JSON document per statement (docs/json.md)
  --lang zh|en|both languages to show (default both)
  --bail            stop at the first failed statement (default: run them all)
  --version         print the version
  -h, --help        this help
  lexq check FILE   report every citation in FILE (- for standard input): resolved, superseded,
                    not in the knowledge base, or not existing; exit 1 when one does not resolve
  lexq import --db PATH [options] FILE.md...
                    import statutes in Markdown into the knowledge base at PATH (lexq import --help)
  lexq serve --stdio [--db PATH]
                    answer JSON requests, one a line, on standard input (docs/server.md)
With no -c or -f, statements are read from standard input: interactively with line editing
on a terminal, line by line without prompts otherwise.
Exit status: 0 all statements succeeded, 1 a statement failed, 2 usage or I/O error.
)";

struct Args {
    lexq::shell::Options options;
    std::vector<std::string> commands;
    std::optional<std::string> file;
    std::optional<std::string> db;
};

std::optional<Args> parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 < argc) return std::string(argv[++i]);
            fmt::print(stderr, "lexq: {} needs a value\n", arg);
            return std::nullopt;
        };
        if (arg == "-c" || arg == "-f" || arg == "--db" || arg == "--lang") {
            auto v = value();
            if (!v) return std::nullopt;
            if (arg == "-c") a.commands.push_back(*v);
            if (arg == "-f") a.file = *v;
            if (arg == "--db") a.db = *v;
            if (arg == "--lang") {
                if (*v == "zh") a.options.spec.lang = lexq::shell::Lang::zh;
                else if (*v == "en") a.options.spec.lang = lexq::shell::Lang::en;
                else if (*v == "both") a.options.spec.lang = lexq::shell::Lang::both;
                else {
                    fmt::print(stderr, "lexq: --lang takes zh, en or both, not '{}'\n", *v);
                    return std::nullopt;
                }
            }
        } else if (arg == "--json") {
            a.options.json = true;
        } else if (arg == "--bail") {
            a.options.bail = true;
        } else {
            fmt::print(stderr, "lexq: unknown option '{}'\n{}", arg, usage);
            return std::nullopt;
        }
    }
    return a;
}

// Runs lines until the end (or the first failure with --bail); errors name the line when `numbered`.
void run_lines(lexq::shell::Session& session, std::istream& in, bool numbered) {
    std::string line;
    for (int number = 1; !session.quit_requested() && std::getline(in, line); ++number)
        if (!session.run_line(line, numbered ? number : 0) && session.options().bail) break;
}

// lexq check FILE: the check statement over a whole file.
int check_file(int argc, char** argv) {
    if (argc != 3) {
        fmt::print(stderr, "usage: lexq check FILE   (- for standard input)\n");
        return exit_usage;
    }
    std::ostringstream text;
    if (!std::strcmp(argv[2], "-")) {
        text << std::cin.rdbuf();
    } else {
        std::ifstream in(argv[2], std::ios::binary);
        if (!in) {
            fmt::print(stderr, "lexq: cannot read {}: {}\n", argv[2], std::strerror(errno));
            return exit_usage;
        }
        text << in.rdbuf();
    }
    lexq::Error error;
    auto engine = lexq::Engine::open_default(&error);
    if (!engine) {
        fmt::print(stderr, "lexq: {}\n", error.message);
        return exit_usage;
    }
    const auto outcomes = engine->run("check " + text.str());
    const lexq::Outcome& o = outcomes.front();
    if (!o.ok()) {
        fmt::print(stderr, "lexq: {}: {}\n", argv[2], o.error->message);
        return exit_failed;
    }
    fmt::print("{}", lexq::shell::render(*o.result, {lexq::shell::Lang::both, false}));
    const bool all_resolve = std::all_of(o.result->references.begin(), o.result->references.end(), [](const lexq::Reference& r) {
        return r.status == "resolved" || r.status == "superseded" || r.status == "not_in_kb";
    });
    return all_resolve ? exit_ok : exit_failed;
}

// lexq serve --stdio [--db PATH]: the JSON-lines server. --stdio is required so that other transports
// can be added later without changing what a bare `lexq serve` means.
int serve(int argc, char** argv) {
    std::optional<std::string> db;
    bool stdio = false;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--stdio")) stdio = true;
        else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
        else if (!std::strcmp(argv[i], "--db")) {
            fmt::print(stderr, "lexq: --db needs a value\n");
            return exit_usage;
        } else {
            fmt::print(stderr, "lexq: serve: unexpected argument '{}'\nusage: lexq serve --stdio [--db PATH]\n", argv[i]);
            return exit_usage;
        }
    }
    if (!stdio) {
        fmt::print(stderr, "usage: lexq serve --stdio [--db PATH]\n");
        return exit_usage;
    }
    lexq::Error error;
    auto engine = db ? lexq::Engine::open(*db, &error) : lexq::Engine::open_default(&error);
    if (!engine) {
        fmt::print(stderr, "lexq: {}\n", error.message);
        return exit_usage;
    }
    return lexq::shell::serve_stdio(*engine, std::cin, std::cout);
}

}  // namespace

int main(int argc, char** argv) {
    std::setlocale(LC_ALL, "");
    if (!std::strstr(std::setlocale(LC_CTYPE, nullptr), "UTF-8")) std::setlocale(LC_CTYPE, "C.UTF-8");
    if (argc >= 2 && !std::strcmp(argv[1], "import")) return lexq::shell::import_command(argc, argv);
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "-h") || !std::strcmp(argv[i], "--help")) {
            fmt::print("{}", usage);
            return exit_ok;
        }
        if (!std::strcmp(argv[i], "--version")) {
            fmt::print("lexq {}\n", lexq::version());
            return exit_ok;
        }
    }
    if (argc >= 2 && !std::strcmp(argv[1], "check")) return check_file(argc, argv);
    if (argc >= 2 && !std::strcmp(argv[1], "serve")) return serve(argc, argv);
    auto args = parse_args(argc, argv);
    if (!args) return exit_usage;
    if (args->file && !args->commands.empty()) {
        fmt::print(stderr, "lexq: use either -c or -f, not both\n");
        return exit_usage;
    }

    lexq::Error error;
    auto engine = args->db ? lexq::Engine::open(*args->db, &error) : lexq::Engine::open_default(&error);
    if (!engine) {
        fmt::print(stderr, "lexq: {}\n", error.message);
        return exit_usage;
    }
    const bool terminal = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    args->options.spec.color = isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
    lexq::shell::Session session(std::move(engine), args->options);

    if (!args->commands.empty()) {
        for (const std::string& command : args->commands) {
            std::istringstream in(command);
            run_lines(session, in, command.find('\n') != std::string::npos);
            if (session.any_failed() && args->options.bail) break;
        }
    } else if (args->file) {
        std::ifstream in(*args->file);
        if (!in) {
            fmt::print(stderr, "lexq: cannot read {}: {}\n", *args->file, std::strerror(errno));
            return exit_usage;
        }
        run_lines(session, in, true);
    } else if (terminal) {
        lexq::shell::run_interactive(session);
    } else {
        run_lines(session, std::cin, true);
    }
    return session.any_failed() ? exit_failed : exit_ok;
}
