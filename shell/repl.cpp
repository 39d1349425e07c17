#include "repl.hpp"

#include <cstdlib>
#include <filesystem>

#include <editline/readline.h>
#include <fmt/format.h>

namespace lexq::shell {
namespace {

// $LEXQ_HISTORY, else ~/.lexq_history; empty when there is no home to keep it in.
std::string history_path() {
    if (const char* path = std::getenv("LEXQ_HISTORY")) return path;
    if (const char* home = std::getenv("HOME")) return (std::filesystem::path(home) / ".lexq_history").string();
    return {};
}

}  // namespace

int run_interactive(Session& session) {
    const std::string history = history_path();
    using_history();
    if (!history.empty()) read_history(history.c_str());
    fmt::print("lexq {} — statutory knowledge base on cyber violence. Type .help for help, .quit to leave.\n",
               version());
    while (!session.quit_requested()) {
        char* raw = readline("lexq> ");
        if (!raw) break;  // end of input (Ctrl-D)
        std::string line(raw);
        std::free(raw);
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        add_history(line.c_str());
        if (!history.empty()) write_history(history.c_str());
        session.run_line(line, 0);
    }
    fmt::print("\n");
    return 0;
}

}  // namespace lexq::shell
