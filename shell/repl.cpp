#include "repl.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <sys/ioctl.h>
#include <unistd.h>
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

// Tab completion: the words starting with what is typed, from the session's table.
const std::vector<std::string>* completion_words = nullptr;

char* next_completion(const char* text, int state) {
    static std::size_t index;
    if (state == 0) index = 0;
    const std::string_view typed(text);
    while (completion_words && index < completion_words->size()) {
        const std::string& word = (*completion_words)[index++];
        if (word.compare(0, typed.size(), typed) == 0) return strdup(word.c_str());
    }
    return nullptr;
}

char** complete(const char* text, int, int) {
    rl_attempted_completion_over = 1;  // no file-name completion
    return rl_completion_matches(text, next_completion);
}

winsize terminal_size() {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) size = {};
    return size;
}

// One statement, over as many lines as it takes: a line that stops mid-statement (an open quote, a
// trailing AND, "show 刑法第") is continued on the next, under the "...>" prompt.
std::optional<std::string> read_statement() {
    std::string text;
    for (const char* prompt = "lexq> ";; prompt = " ...> ") {
        char* raw = readline(prompt);
        if (!raw) return text.empty() ? std::nullopt : std::optional<std::string>(text);
        // A line broken inside Chinese (show 刑法第 / 246条) joins without a space; elsewhere with one.
        const bool chinese_end = text.size() >= 3 && static_cast<unsigned char>(text[text.size() - 3]) >= 0xE0;
        text += (text.empty() || chinese_end ? "" : " ") + std::string(raw);
        std::free(raw);
        const auto first = text.find_first_not_of(" \t\n");
        if (first == std::string::npos) return std::string();
        if (text[first] == '.' || is_complete(text)) return text;
    }
}

}  // namespace

int run_interactive(Session& session) {
    const std::string history = history_path();
    using_history();
    if (!history.empty()) read_history(history.c_str());
    const auto words = session.completions();
    completion_words = &words;
    rl_attempted_completion_function = complete;
    const winsize size = terminal_size();
    session.options().spec.width = size.ws_col;
    session.options().pager_rows = size.ws_row > 2 ? size.ws_row - 2 : 0;
    fmt::print("lexq {} — statutory knowledge base on cyber violence. Type .help for help, .quit to leave.\n",
               version());
    while (!session.quit_requested()) {
        auto statement = read_statement();
        if (!statement) break;  // end of input (Ctrl-D)
        if (statement->find_first_not_of(" \t\n") == std::string::npos) continue;
        add_history(statement->c_str());
        if (!history.empty()) write_history(history.c_str());
        session.run_line(*statement, 0);
    }
    fmt::print("\n");
    return 0;
}

}  // namespace lexq::shell
